package org.losslab.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.javacpp.Pointer;
import org.losslab.data.Features;
import org.losslab.data.MnistData;
import org.losslab.data.MnistSource;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.Checkpoint;
import org.losslab.training.Dl4jRunTrainer;
import org.losslab.training.PreparedData;
import org.losslab.training.batched.BatchedMemory;
import org.losslab.training.batched.BatchedTrainer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training throughput on this machine, in one run: SGEMM (through {@code Nd4j.gemm} into a
 * preallocated output) at 2048³ and at the batched trainer's first-layer shapes; one network at a
 * time ({@link Dl4jRunTrainer}, DL4J's MultiLayerNetwork) against {@link BatchedTrainer} with
 * data_order shared for n1 ∈ {25, 100, 500} (batch 100, K = 1000 where memory allows); checkpoint
 * export time as a share of epoch time; the scaling of two trainers running at once (the two cores);
 * peak memory; and a projection of the full Choromanska sweep (n1 ∈ {25, 50, 100, 250, 500} ×
 * 1000 restarts × 200 epochs on 8000 training and 2000 test images, evaluation after every epoch).
 *
 * <p>Throughput counts network-examples per second: networks × training examples / epoch time, where
 * the epoch time includes the evaluation on the training and test sets that every epoch performs.
 * GFLOP/s count the useful multiply-adds of training and evaluation ({@link #flopsPerNetworkEpoch}).
 * Timings are medians of the measured epochs. Thread counts are whatever the JVM was started with
 * (OMP_NUM_THREADS / {@code NumericsEnvironment}); the production layout is one OpenMP thread per
 * trainer and one trainer per core.
 */
public final class TrainingBenchmark {

    /** One measured quantity, for the results table. */
    public record Result(String name, double value, String unit) {
    }

    static final int[] WIDTHS = {25, 100, 500};
    static final int[] SWEEP_WIDTHS = {25, 50, 100, 250, 500};
    static final int SWEEP_RESTARTS = 1000;
    static final int SWEEP_EPOCHS = 200;
    static final int SWEEP_TRAIN = 8000;
    static final int SWEEP_TEST = 2000;
    static final int BATCH = 100;

    private final boolean quick;
    private final PrintStream out;
    private final List<Result> results = new ArrayList<>();
    private long peakOffHeap;
    private long peakRss;
    private double processShare;

    private TrainingBenchmark(boolean quick, PrintStream out) {
        this.quick = quick;
        this.out = out;
    }

    /**
     * Runs the benchmark, prints a table and then {@code name value} lines, and returns the results.
     * {@code quick}: K = 100 on 2000 training and 500 test images, a few minutes; otherwise K = 1000
     * (fewer if memory does not allow) on the full 8000/2000 split, roughly 10–15 minutes on 2 cores.
     */
    public static List<Result> run(boolean quick, PrintStream out) {
        return run(quick, out, locateData());
    }

    public static List<Result> run(boolean quick, PrintStream out, Path mnistDir) {
        return new TrainingBenchmark(quick, out).execute(mnistDir);
    }

    /** Useful floating-point operations of one network in one epoch (training, then evaluation). */
    public static double flopsPerNetworkEpoch(int features, int width, int hiddenLayers, int train, int evaluated) {
        double f1 = features + 1;
        double hidden = (hiddenLayers - 1.0) * width * width;
        double perTrain = 4 * f1 * width + 6.0 * width * 10 + 6 * hidden;
        double perEval = 2 * f1 * width + 2.0 * width * 10 + 2 * hidden;
        return perTrain * train + perEval * evaluated;
    }

    private List<Result> execute(Path mnistDir) {
        long t0 = System.nanoTime();
        int train = quick ? 2000 : SWEEP_TRAIN;
        int test = quick ? 500 : SWEEP_TEST;
        PreparedData data = data(mnistDir, train, test);
        int k = quick ? 100 : SWEEP_RESTARTS;
        out.printf("losslab training benchmark (%s): %d train / %d test images, batch %d, K = %d networks per block%n",
                quick ? "quick" : "full", train, test, BATCH, k);
        out.printf("  cores %d, ND4J max threads %d, OMP_NUM_THREADS=%s, javacpp maxbytes %.1f GiB, load average %.1f%n",
                Runtime.getRuntime().availableProcessors(), Nd4j.getEnvironment().maxThreads(),
                System.getenv("OMP_NUM_THREADS"), Pointer.maxBytes() / 1073741824.0, loadAverage());
        add("train_images", train, "images");
        add("block_networks", k, "networks");
        add("load_average_start", loadAverage(), "");

        gemmSection(k);
        double[] mlnRate = new double[WIDTHS.length];
        double[] batchedRate = new double[WIDTHS.length];
        double[] batchedGflops = new double[WIDTHS.length];
        out.println();
        out.println("  Training (epoch = training + evaluation on train and test); rates per CPU second of the training thread,");
        out.println("  then per wall-clock second (affected by other processes on the machine):");
        out.println("  n1 | one network at a time (MLN)      | batched, data_order shared                     | export");
        out.println("     |  net-ex/s     GFLOP/s  cpu s     |   K    net-ex/s    GFLOP/s    cpu s  speedup  | % epoch");
        for (int w = 0; w < WIDTHS.length; w++) {
            int width = WIDTHS[w];
            double[] mln = measureMln(data, width);
            mlnRate[w] = mln[0];
            double[] b = measureBatched(data, width, k);
            batchedRate[w] = b[1];
            batchedGflops[w] = b[2];
            double speedup = b[1] / mln[0];
            out.printf("  %3d | %9.0f %9.2f %9.2f   | %4.0f %11.0f %9.2f %8.2f %7.1fx  | %6.2f%n",
                    width, mln[0], mln[1], mln[2], b[0], b[1], b[2], b[3], speedup, 100 * b[4]);
            out.printf("      | wall clock: %9.0f net-ex/s        | %16.0f net-ex/s, epoch %.2f s wall, speedup %.1fx%n",
                    mln[3], b[5], b[6], b[5] / mln[3]);
            add("mln_net_examples_per_s_wall_" + width, mln[3], "network-examples/s (wall clock)");
            add("batched_net_examples_per_s_wall_" + width, b[5], "network-examples/s (wall clock)");
            add("speedup_vs_mln_wall_" + width, b[5] / mln[3], "x (wall clock)");
            add("mln_net_examples_per_s_" + width, mln[0], "network-examples/s");
            add("mln_gflops_" + width, mln[1], "GFLOP/s");
            add("batched_k_" + width, b[0], "networks");
            add("batched_net_examples_per_s_" + width, b[1], "network-examples/s");
            add("batched_gflops_" + width, b[2], "GFLOP/s");
            add("batched_epoch_seconds_" + width, b[3], "s");
            add("speedup_vs_mln_" + width, speedup, "x");
            add("checkpoint_export_share_" + width, b[4], "fraction of epoch time");
        }
        double gemm500 = value("sgemm_gflops_trainer_shape_500");
        add("gemm_efficiency_500", batchedGflops[2] / gemm500, "fraction of SGEMM at the trainer's shape");
        add("gemm_efficiency_500_vs_2048", batchedGflops[2] / value("sgemm_gflops_2048"), "fraction of SGEMM 2048^3");

        double[] independent = measureBatched(data, 100, quick ? 100 : 200, "independent");
        out.printf("%n  data_order independent (n1=100, K=%.0f): %.0f network-examples/s per CPU second, %.2f GFLOP/s"
                + " (%.0f%% of shared)%n", independent[0], independent[1], independent[2],
                100 * independent[1] / value("batched_net_examples_per_s_100"));
        add("batched_independent_net_examples_per_s_100", independent[1], "network-examples/s");
        add("batched_independent_gflops_100", independent[2], "GFLOP/s");

        double scaling = measureTwoTrainers(data, quick ? 100 : 500);
        add("two_trainer_scaling", scaling, "aggregate / single throughput");
        projectSweep(batchedGflops, scaling);

        add("peak_trainer_offheap_bytes", peakOffHeap, "bytes (largest batched trainer's ND4J buffers)");
        add("peak_rss_bytes", peakRss, "bytes (resident set of the JVM)");
        out.printf("  memory: largest trainer %.0f MiB off-heap; peak resident set %.0f MiB%n", peakOffHeap / 1048576.0,
                peakRss / 1048576.0);
        add("load_average_end", loadAverage(), "");
        add("benchmark_seconds", (System.nanoTime() - t0) / 1e9, "s");
        out.println();
        out.printf("  checks: speedup n1=25 %.1fx, n1=100 %.1fx (target >= 10x); n1=500 at %.0f%% of SGEMM (target >= 50%%);"
                        + " export %.2f%% of epoch (target <= 2%%%s); sweep %.1f h (target <= 12 h)%n",
                value("speedup_vs_mln_25"), value("speedup_vs_mln_100"), 100 * value("gemm_efficiency_500"),
                100 * Arrays.stream(WIDTHS).mapToDouble(w -> value("checkpoint_export_share_" + w)).max().orElse(0),
                quick ? "; quick epochs are 4x shorter than real ones, so this share is inflated" : "",
                value("sweep_hours_10k"));
        out.println();
        for (Result r : results) {
            out.println(r.name() + " " + r.value());
        }
        return List.copyOf(results);
    }

    // ------------------------------------------------------------------ SGEMM

    private void gemmSection(int k) {
        out.println();
        out.println("  SGEMM (Nd4j.gemm into a preallocated output), median of repeats, per CPU second:");
        double g2048 = gemm(2048, 2048, 2048, quick ? 3 : 5);
        out.printf("    2048 x 2048 x 2048                 %7.2f GFLOP/s%n", g2048);
        add("sgemm_gflops_2048", g2048, "GFLOP/s");
        for (int width : WIDTHS) {
            int cols = k * width;
            double g = gemm(BATCH, 101, cols, quick ? 5 : 7);
            out.printf("    100 x 101 . 101 x %-8d (n1=%3d) %7.2f GFLOP/s%n", cols, width, g);
            add("sgemm_gflops_trainer_shape_" + width, g, "GFLOP/s");
        }
    }

    /** Median GFLOP/s (per CPU second of this thread) of C[m×n] = A[m×k]·B[k×n] through Nd4j.gemm. */
    private double gemm(int m, int kk, int n, int reps) {
        INDArray a = Nd4j.rand(DataType.FLOAT, m, kk);
        INDArray b = Nd4j.rand(DataType.FLOAT, kk, n);
        INDArray c = Nd4j.create(DataType.FLOAT, m, n);
        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        double[] s = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t = cpuNanos();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            s[r] = (cpuNanos() - t) / 1e9;
        }
        sampleMemory();
        a.close();
        b.close();
        c.close();
        return 2.0 * m * kk * n / median(s) / 1e9;
    }

    // ------------------------------------------------------------------ trainers

    private static TrainingSpec spec(int width, int restarts) {
        return spec(width, restarts, "shared");
    }

    private static TrainingSpec spec(int width, int restarts, String order) {
        return new TrainingSpec(List.of(width), 1, "relu", restarts, SWEEP_EPOCHS, BATCH, 0.1, 0.95, "uniform", 1.0,
                order, restarts);
    }

    /** {network-examples/s, GFLOP/s, epoch seconds} of Dl4jRunTrainer. */
    private double[] measureMln(PreparedData data, int width) {
        Dl4jRunTrainer t = new Dl4jRunTrainer(spec(width, 1), data, 1, width, 0);
        t.trainEpoch();
        int epochs = quick ? 2 : 3;
        double[] s = new double[epochs];
        double[] cpu = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            long c0 = cpuNanos();
            s[e] = t.trainEpoch().seconds();
            cpu[e] = (cpuNanos() - c0) / 1e9;
        }
        sampleMemory();
        double sec = median(cpu);
        double flops = flopsPerNetworkEpoch(data.features(), width, 1, data.trainCount(),
                data.trainCount() + data.testCount());
        return new double[] {data.trainCount() / sec, flops / sec / 1e9, sec, data.trainCount() / median(s)};
    }

    /** {K, network-examples/s, GFLOP/s, epoch seconds, export share} of BatchedTrainer. */
    private double[] measureBatched(PreparedData data, int width, int wanted) {
        return measureBatched(data, width, wanted, "shared");
    }

    private double[] measureBatched(PreparedData data, int width, int wanted, String order) {
        TrainingSpec spec = spec(width, wanted, order);
        int k = Math.min(wanted, BatchedMemory.maxNetworksForThisJvm(spec, data.features(), width, data.trainCount(),
                0.7, wanted));
        if (k < 1) {
            throw new IllegalStateException("not even one network of width " + width + " fits in memory");
        }
        int[] restarts = new int[k];
        Arrays.setAll(restarts, i -> i);
        try (BatchedTrainer t = new BatchedTrainer(spec, data, 1, width, restarts)) {
            sampleMemory();
            int epochs = quick ? 3 : (width >= 500 ? 1 : 2);
            double[] s = new double[epochs];
            double[] cpu = new double[epochs];
            double[] export = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                t.resetProfile();
                long t0 = System.nanoTime();
                long c0 = cpuNanos();
                long p0 = processCpuNanos();
                t.trainEpoch();
                s[e] = (System.nanoTime() - t0) / 1e9;
                cpu[e] = (cpuNanos() - c0) / 1e9;
                processShare = (processCpuNanos() - p0) / 1e9 / cpu[e];
                sampleMemory(t.allocatedBytes()[0]);
                long t1 = cpuNanos();
                List<Checkpoint> all = t.checkpoints();
                export[e] = (cpuNanos() - t1) / 1e9;
                if (all.size() != k) {
                    throw new IllegalStateException("export lost networks");
                }
                sampleMemory();
            }
            if ("shared".equals(order)) {
                printProfile(width, t.profileSeconds(), cpu[epochs - 1]);
            }
            add("process_cpu_over_thread_cpu_" + width, processShare, "ratio (1 = all work on the training thread)");
            double sec = median(cpu);
            double flops = k * flopsPerNetworkEpoch(data.features(), width, 1, data.trainCount(),
                    data.trainCount() + data.testCount());
            return new double[] {k, (double) k * data.trainCount() / sec, flops / sec / 1e9, sec,
                    median(export) / sec, (double) k * data.trainCount() / median(s), median(s)};
        }
    }

    private void printProfile(int width, Map<BatchedTrainer.Phase, Double> profile, double epochSeconds) {
        StringBuilder sb = new StringBuilder("       profile n1=" + width + ":");
        for (Map.Entry<BatchedTrainer.Phase, Double> e : profile.entrySet()) {
            if (e.getValue() > 0.0005 * epochSeconds && e.getKey() != BatchedTrainer.Phase.EXPORT) {
                sb.append(String.format(" %s %.0f%%", e.getKey().name().toLowerCase(), 100 * e.getValue() / epochSeconds));
                add("profile_" + width + "_" + e.getKey().name().toLowerCase(), e.getValue() / epochSeconds,
                        "fraction of epoch time");
            }
        }
        out.println(sb);
    }

    /**
     * Aggregate throughput of two trainers in two threads over the throughput of one (ideal: 2 on 2 cores),
     * each trainer's rate taken per CPU second of its thread: what the second core adds when both trainers
     * compete for memory bandwidth and caches, independent of other processes taking CPU time.
     */
    private double measureTwoTrainers(PreparedData data, int k) {
        int width = 100;
        TrainingSpec spec = spec(width, k);
        double single = throughput(spec, data, width, k, 1);
        double pair = throughput(spec, data, width, k, 2);
        double scaling = pair / single;
        out.printf("%n  two trainers at once (n1=%d, K=%d each): %.0f vs %.0f network-examples/s per CPU second alone: x%.2f%n",
                width, k, pair, single, scaling);
        return scaling;
    }

    private double throughput(TrainingSpec spec, PreparedData data, int width, int k, int trainers) {
        ExecutorService pool = Executors.newFixedThreadPool(trainers);
        try {
            List<Future<Double>> fs = new ArrayList<>();
            for (int p = 0; p < trainers; p++) {
                int offset = p * k;
                fs.add(pool.submit(() -> {
                    int[] restarts = new int[k];
                    Arrays.setAll(restarts, i -> offset + i);
                    try (BatchedTrainer t = new BatchedTrainer(spec, data, 1, width, restarts)) {
                        t.trainEpoch();
                        long t0 = cpuNanos();
                        t.trainEpoch();
                        return (double) k * data.trainCount() / ((cpuNanos() - t0) / 1e9);
                    }
                }));
            }
            double sum = 0;
            for (Future<Double> f : fs) {
                sum += f.get();
            }
            sampleMemory();
            return sum;
        } catch (Exception e) {
            throw new IllegalStateException("concurrent trainers failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ projection

    private void projectSweep(double[] gflops, double scaling) {
        double seconds = 0;
        StringBuilder sb = new StringBuilder("  sweep projection (8000/2000 images, 1000 restarts x 200 epochs):");
        for (int width : SWEEP_WIDTHS) {
            double rate = interpolate(width, gflops) * scaling;
            double flops = (double) SWEEP_RESTARTS * SWEEP_EPOCHS
                    * flopsPerNetworkEpoch(100, width, 1, SWEEP_TRAIN, SWEEP_TRAIN + SWEEP_TEST);
            double s = flops / (rate * 1e9);
            seconds += s;
            sb.append(String.format(" n1=%d %.1f h;", width, s / 3600));
        }
        out.println(sb);
        add("sweep_hours_10k", seconds / 3600, "h");
    }

    /** Measured GFLOP/s at {@link #WIDTHS}, linear in log(width) between them. */
    static double interpolate(int width, double[] gflops) {
        if (width <= WIDTHS[0]) {
            return gflops[0];
        }
        for (int i = 1; i < WIDTHS.length; i++) {
            if (width <= WIDTHS[i]) {
                double x = (Math.log(width) - Math.log(WIDTHS[i - 1])) / (Math.log(WIDTHS[i]) - Math.log(WIDTHS[i - 1]));
                return gflops[i - 1] + x * (gflops[i] - gflops[i - 1]);
            }
        }
        return gflops[gflops.length - 1];
    }

    // ------------------------------------------------------------------ helpers

    private static PreparedData data(Path dir, int train, int test) {
        if (dir != null && Files.isDirectory(dir)) {
            MnistData d = MnistSource.load(dir);
            float[] tx = Features.downsampled(d.train(), 10, 10).data();
            float[] sx = Features.downsampled(d.test(), 10, 10).data();
            int[] ty = Features.labels(d.train());
            int[] sy = Features.labels(d.test());
            return new PreparedData(Arrays.copyOf(tx, Math.min(train, ty.length) * 100),
                    Arrays.copyOf(ty, Math.min(train, ty.length)), Arrays.copyOf(sx, Math.min(test, sy.length) * 100),
                    Arrays.copyOf(sy, Math.min(test, sy.length)), 100, d.checksum());
        }
        SplittableRandom rng = new SplittableRandom(1);
        float[] tx = new float[train * 100];
        float[] sx = new float[test * 100];
        for (int i = 0; i < tx.length; i++) {
            tx[i] = (float) rng.nextDouble();
        }
        for (int i = 0; i < sx.length; i++) {
            sx[i] = (float) rng.nextDouble();
        }
        return new PreparedData(tx, rng.ints(train, 0, 10).toArray(), sx, rng.ints(test, 0, 10).toArray(), 100,
                "synthetic");
    }

    private static Path locateData() {
        Path p = Path.of("data/mnist-10k");
        String home = System.getenv("LOSSLAB_HOME");
        if (!Files.isDirectory(p) && home != null) {
            p = Path.of(home).resolve("data/mnist-10k");
        }
        return p;
    }

    private void sampleMemory() {
        sampleMemory(0);
    }

    private void sampleMemory(long trainerOffHeap) {
        peakOffHeap = Math.max(peakOffHeap, trainerOffHeap);
        peakRss = Math.max(peakRss, Pointer.physicalBytes());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long cpuNanos() {
        java.lang.management.ThreadMXBean b = java.lang.management.ManagementFactory.getThreadMXBean();
        return b.isCurrentThreadCpuTimeSupported() ? b.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private void add(String name, double value, String unit) {
        results.add(new Result(name, value, unit));
    }

    private double value(String name) {
        return results.stream().filter(r -> r.name().equals(name)).mapToDouble(Result::value).findFirst()
                .orElse(Double.NaN);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** {@code java ... org.losslab.bench.TrainingBenchmark [--quick]} until the CLI command exists. */
    public static void main(String[] args) {
        run(Arrays.asList(args).contains("--quick"), System.out);
    }
}
