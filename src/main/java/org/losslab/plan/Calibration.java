package org.losslab.plan;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.losslab.bench.KernelWarmUp;
import org.losslab.bench.TrainingBenchmark;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.PreparedData;
import org.losslab.training.batched.BatchedPath;
import org.losslab.training.batched.BlockTrainer;

/**
 * Rates measured in a few seconds when this machine has no stored benchmark (docs/performance.md
 * "Projections"): one epoch of the batched trainer for a block of {@value #NETWORKS} networks
 * 100-n1-10 at n1 = 25 and 200 on {@value #TRAIN} random examples (throughput does not depend on the
 * content), each after warm-up epochs at its width. The rate of DL4J one network at a time is not
 * measured: it is the batched rate over the speed-ups {@code bench training} measured (docs/performance.md
 * "Training").
 */
public final class Calibration {

    static final int[] WIDTHS = {25, 200};
    static final int NETWORKS = 32;
    static final int TRAIN = 2000;
    static final int TEST = 500;
    static final int FEATURES = 100;
    /** Batched over DL4J throughput measured by {@code bench training} at n1 = 25, 100, 500 (docs/performance.md). */
    private static final double[][] DL4J_SLOWDOWN = {{25, 87}, {100, 39}, {500, 9}};

    private Calibration() {
    }

    /** Measures this machine now, on the calling thread (ND4J's thread count must already be pinned). */
    public static MachineRates measure() {
        PreparedData data = randomData();
        return measure((width, k) -> epoch(data, width, k));
    }

    /**
     * The rates from {@code epochs}: at each width, warm-up epochs by the rule of {@link KernelWarmUp}, then
     * one measured epoch. Each width warms up on its own, since n1 &le; 32 and wider networks run different
     * kernels (lever 15 of docs/performance.md): warmed up at n1 = 25 alone, n1 = 200 was measured with its
     * Vector API kernels still uncompiled, about ten times too slow.
     */
    static MachineRates measure(EpochClock epochs) {
        double[] batched = new double[WIDTHS.length];
        double[] dl4j = new double[WIDTHS.length];
        double cpu = 0;
        double wall = 0;
        for (int i = 0; i < WIDTHS.length; i++) {
            int width = WIDTHS[i];
            KernelWarmUp.epochsUntilSettled(() -> epochs.seconds(width, NETWORKS)[0]);
            double[] s = epochs.seconds(width, NETWORKS);
            cpu += s[0];
            wall += s[1];
            double flops = NETWORKS * TrainingBenchmark.flopsPerNetworkEpoch(FEATURES, width, 1, TRAIN, TRAIN + TEST);
            batched[i] = flops / s[0] / 1e9;
            dl4j[i] = batched[i] / slowdown(width);
        }
        double share = Math.min(1, Math.max(0.01, cpu / wall));
        return new MachineRates(WIDTHS, batched, dl4j, share, 2, Runtime.getRuntime().availableProcessors(),
                String.format("calibration now (%.1f s of measured epochs of the batched trainer at n1 = 25 and 200, "
                        + "after warm-up; no stored 'bench training' of this machine)", wall));
    }

    /** One epoch of a block of {@code networks} at {@code width}, timed: {CPU seconds, wall seconds}. */
    @FunctionalInterface
    interface EpochClock {
        double[] seconds(int width, int networks);
    }

    /** {CPU seconds, wall seconds} of one epoch of a block of {@code k} networks. */
    private static double[] epoch(PreparedData data, int width, int k) {
        TrainingSpec spec = new TrainingSpec(List.of(width), 1, "relu", k, 1, 100, 0.1, 1.0, "uniform", 1.0, "shared", k);
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        try (BlockTrainer t = BatchedPath.current().open(spec, data, 1, width, IntStream.range(0, k).toArray())) {
            long w0 = System.nanoTime();
            long c0 = clock.getCurrentThreadCpuTime();
            t.trainEpoch();
            double cpu = (clock.getCurrentThreadCpuTime() - c0) / 1e9;
            double wall = (System.nanoTime() - w0) / 1e9;
            return new double[] {Math.max(cpu, 1e-3), Math.max(wall, cpu)};
        }
    }

    static double slowdown(int width) {
        double x = Math.log(width);
        for (int i = 1; i < DL4J_SLOWDOWN.length; i++) {
            if (width <= DL4J_SLOWDOWN[i][0] || i == DL4J_SLOWDOWN.length - 1) {
                double x0 = Math.log(DL4J_SLOWDOWN[i - 1][0]);
                double x1 = Math.log(DL4J_SLOWDOWN[i][0]);
                double f = Math.max(0, Math.min(1, (x - x0) / (x1 - x0)));
                return DL4J_SLOWDOWN[i - 1][1] + f * (DL4J_SLOWDOWN[i][1] - DL4J_SLOWDOWN[i - 1][1]);
            }
        }
        return DL4J_SLOWDOWN[0][1];
    }

    private static PreparedData randomData() {
        SplittableRandom rng = new SplittableRandom(1);
        float[] tx = new float[TRAIN * FEATURES];
        float[] sx = new float[TEST * FEATURES];
        for (int i = 0; i < tx.length; i++) {
            tx[i] = (float) rng.nextDouble();
        }
        for (int i = 0; i < sx.length; i++) {
            sx[i] = (float) rng.nextDouble();
        }
        return new PreparedData(tx, rng.ints(TRAIN, 0, 10).toArray(), sx, rng.ints(TEST, 0, 10).toArray(), FEATURES,
                "calibration");
    }
}
