package org.losslab.bench;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.Checkpoint;
import org.losslab.training.PreparedData;
import org.losslab.training.batched.BatchedMemory;
import org.losslab.training.batched.BatchedPath;
import org.losslab.training.batched.BatchedTrainer;
import org.losslab.training.batched.BlockTrainer;

/**
 * {@link BatchedTrainer} on one block of K networks (as many as memory allows, up to the wanted K):
 * epoch throughput, and the export of all K checkpoints after each epoch as a share of the epoch. Each
 * measurement first warms the trainer's kernels up on a small block ({@link KernelWarmUp}): unwarmed, the first
 * width of a run (n1 = 25) was measured at 0.55 of SGEMM in one run of three and 0.88 in the others.
 */
final class BatchedMeasurement {

    /** Networks of the warm-up block: enough for every kernel of a width, small enough to take seconds at n1 = 500. */
    static final int WARM_UP_NETWORKS = 16;

    /**
     * @param k                        networks in the block
     * @param netExamplesPerSecond     network-examples per CPU second of the training thread
     * @param gflops                   useful GFLOP per CPU second
     * @param cpuSeconds               median epoch, CPU seconds
     * @param exportShare              median export of all checkpoints over the median epoch
     * @param netExamplesPerWallSecond network-examples per wall-clock second
     * @param wallSeconds              median epoch, wall-clock seconds
     * @param trainGflops              useful GFLOP per CPU second of the training part of the epoch
     * @param evalGflops               the same for its evaluation part (split by the phase profile)
     */
    record Rate(int k, double netExamplesPerSecond, double gflops, double cpuSeconds, double exportShare,
                double netExamplesPerWallSecond, double wallSeconds, double trainGflops, double evalGflops) {
    }

    private final BenchmarkContext ctx;

    BatchedMeasurement(BenchmarkContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Measures a block with {@code data_order} {@code order}; for {@code shared} also prints and records
     * the phase profile of the last epoch. Records {@code process_cpu_over_thread_cpu_<width>}.
     */
    Rate measure(PreparedData data, int width, int wanted, String order) {
        return measure(data, width, wanted, order, true);
    }

    /**
     * As {@link #measure(PreparedData, int, int, String)}; with {@code record} false (a second block size
     * of a width already measured) the profile is printed with its K and nothing is recorded.
     */
    Rate measure(PreparedData data, int width, int wanted, String order, boolean record) {
        TrainingSpec spec = Workload.spec(width, wanted, order);
        int k = Math.min(wanted, BatchedMemory.maxNetworksForThisJvm(spec, data.features(), width, data.trainCount(),
                0.7, wanted));
        if (k < 1) {
            throw new IllegalStateException("not even one network of width " + width + " fits in memory");
        }
        warmUp(data, width, Math.min(k, WARM_UP_NETWORKS), order);
        try (BlockTrainer t = BatchedPath.current().open(spec, data, 1, width, IntStream.range(0, k).toArray())) {
            ctx.memory().sample();
            int epochs = ctx.quick() ? 3 : (width >= 500 ? 1 : 2);
            double[] s = new double[epochs];
            double[] cpu = new double[epochs];
            double[] export = new double[epochs];
            double processShare = 0;
            for (int e = 0; e < epochs; e++) {
                t.resetProfile();
                long t0 = System.nanoTime();
                long c0 = CpuClock.threadNanos();
                long p0 = CpuClock.processNanos();
                t.trainEpoch();
                s[e] = (System.nanoTime() - t0) / 1e9;
                cpu[e] = (CpuClock.threadNanos() - c0) / 1e9;
                processShare = (CpuClock.processNanos() - p0) / 1e9 / cpu[e];
                ctx.memory().sample(t.allocatedBytes()[0]);
                long t1 = CpuClock.threadNanos();
                List<Checkpoint> all = t.checkpoints();
                export[e] = (CpuClock.threadNanos() - t1) / 1e9;
                if (all.size() != k) {
                    throw new IllegalStateException("export lost networks");
                }
                ctx.memory().sample();
            }
            Map<BatchedTrainer.Phase, Double> profile = t.profileSeconds();
            if ("shared".equals(order)) {
                printProfile(width, k, profile, cpu[epochs - 1], record);
            }
            double evalShare = evaluationShare(profile);
            if (record) {
                ctx.results().add("process_cpu_over_thread_cpu_" + width, processShare,
                        "ratio (1 = all work on the training thread)");
            }
            double sec = CpuClock.median(cpu);
            double flops = k * TrainingBenchmark.flopsPerNetworkEpoch(data.features(), width, 1, data.trainCount(),
                    data.trainCount() + data.testCount());
            double trainFlops = (double) k * data.trainCount() * TrainingBenchmark.trainFlops(data.features(), width, 1);
            double evalFlops = (double) k * (data.trainCount() + data.testCount())
                    * TrainingBenchmark.evalFlops(data.features(), width, 1);
            return new Rate(k, (double) k * data.trainCount() / sec, flops / sec / 1e9, sec,
                    CpuClock.median(export) / sec, (double) k * data.trainCount() / CpuClock.median(s),
                    CpuClock.median(s), trainFlops / (sec * (1 - evalShare)) / 1e9, evalFlops / (sec * evalShare) / 1e9);
        }
    }

    /** Epochs of a block of {@code networks} at this width and data order until their times settle. */
    private static void warmUp(PreparedData data, int width, int networks, String order) {
        try (BlockTrainer t = BatchedPath.current().open(Workload.spec(width, networks, order), data, 1, width,
                IntStream.range(0, networks).toArray())) {
            KernelWarmUp.epochsUntilSettled(() -> {
                long c0 = CpuClock.threadNanos();
                t.trainEpoch();
                return (CpuClock.threadNanos() - c0) / 1e9;
            });
        }
    }

    /** The evaluation phases' share of an epoch's profiled time (export excluded). */
    static double evaluationShare(Map<BatchedTrainer.Phase, Double> profile) {
        double all = 0;
        double eval = 0;
        for (Map.Entry<BatchedTrainer.Phase, Double> e : profile.entrySet()) {
            BatchedTrainer.Phase p = e.getKey();
            if (p == BatchedTrainer.Phase.EXPORT) {
                continue;
            }
            all += e.getValue();
            if (p == BatchedTrainer.Phase.EVAL_FIRST_LAYER || p == BatchedTrainer.Phase.EVAL_OTHER_LAYERS
                    || p == BatchedTrainer.Phase.EVAL_LOSS) {
                eval += e.getValue();
            }
        }
        return eval / all;
    }

    /** Phases above 0.05 % of the epoch (export excluded: it is reported separately). */
    private void printProfile(int width, int k, Map<BatchedTrainer.Phase, Double> profile, double epochSeconds,
                              boolean record) {
        StringBuilder sb = new StringBuilder("       profile n1=" + width + (record ? "" : " K=" + k) + ":");
        for (Map.Entry<BatchedTrainer.Phase, Double> e : profile.entrySet()) {
            if (e.getValue() > 0.0005 * epochSeconds && e.getKey() != BatchedTrainer.Phase.EXPORT) {
                sb.append(String.format(" %s %.0f%%", e.getKey().name().toLowerCase(), 100 * e.getValue() / epochSeconds));
            }
            if (record && e.getValue() > 0.0005 * epochSeconds && e.getKey() != BatchedTrainer.Phase.EXPORT) {
                ctx.results().add("profile_" + width + "_" + e.getKey().name().toLowerCase(),
                        e.getValue() / epochSeconds, "fraction of epoch time");
            }
        }
        ctx.out().println(sb);
    }
}
