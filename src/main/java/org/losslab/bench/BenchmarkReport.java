package org.losslab.bench;

import java.util.Arrays;
import org.bytedeco.javacpp.Pointer;
import org.losslab.bench.TrainingBenchmark.Result;
import org.losslab.training.BlasKernel;
import org.losslab.training.batched.BatchedPath;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The benchmark's printed report and the results derived from the measurements (speedups, SGEMM
 * efficiency): a header, the training table, the targets checked, then one {@code name value} line per
 * result for scripts.
 */
final class BenchmarkReport {

    private final BenchmarkContext ctx;

    BenchmarkReport(BenchmarkContext ctx) {
        this.ctx = ctx;
    }

    /** The run's setup and the machine: cores, threads, memory limit, load. */
    void header(int train, int test, int k) {
        ctx.out().printf("losslab training benchmark (%s): %d train / %d test images, batch %d, K = %d networks per block%n",
                ctx.quick() ? "quick" : "full", train, test, Workload.BATCH, k);
        ctx.out().printf("  cores %d, ND4J max threads %d, OMP_NUM_THREADS=%s, OpenBLAS kernel %s, elementwise kernels %s,"
                        + " javacpp maxbytes %.1f GiB, load average %.1f%n",
                Runtime.getRuntime().availableProcessors(), Nd4j.getEnvironment().maxThreads(),
                System.getenv("OMP_NUM_THREADS"), BlasKernel.current(), BatchedPath.elementwiseKernels(),
                Pointer.maxBytes() / 1073741824.0, CpuClock.loadAverage());
        String fastest = BlasKernel.fastestOnThisCpu();
        if (!fastest.equals(BlasKernel.AUTO) && !BlasKernel.current().matches("(?i)skylakex|cooperlake|sapphirerapids")) {
            ctx.out().printf("  note: OpenBLAS's fastest kernel for this CPU is %s, not %s: the figures below are those of"
                    + " %s (LOSSLAB_OPENBLAS_CORETYPE=%s chooses it; docs/performance.md#openblas-kernel)%n",
                    fastest, BlasKernel.current(), BlasKernel.current(), fastest);
        }
        ctx.results().add("train_images", train, "images");
        ctx.results().add("block_networks", k, "networks");
        ctx.results().add("load_average_start", CpuClock.loadAverage(), "");
    }

    void trainingTableHeader() {
        ctx.out().println();
        ctx.out().println("  Training (epoch = training + evaluation on train and test); rates per CPU second of the training thread,");
        ctx.out().println("  then per wall-clock second (affected by other processes on the machine):");
        ctx.out().println("  n1 | one network at a time (MLN)      | batched, data_order shared                     | export");
        ctx.out().println("     |  net-ex/s     GFLOP/s  cpu s     |   K    net-ex/s    GFLOP/s    cpu s  speedup  | % epoch");
    }

    /** One width of the training table, and its results (speedup per CPU second and per wall-clock second). */
    void trainingRow(int width, MlnMeasurement.Rate mln, BatchedMeasurement.Rate b) {
        double speedup = b.netExamplesPerSecond() / mln.netExamplesPerSecond();
        double wallSpeedup = b.netExamplesPerWallSecond() / mln.netExamplesPerWallSecond();
        ctx.out().printf("  %3d | %9.0f %9.2f %9.2f   | %4.0f %11.0f %9.2f %8.2f %7.1fx  | %6.2f%n",
                width, mln.netExamplesPerSecond(), mln.gflops(), mln.cpuSeconds(), (double) b.k(),
                b.netExamplesPerSecond(), b.gflops(), b.cpuSeconds(), speedup, 100 * b.exportShare());
        ctx.out().printf("      | wall clock: %9.0f net-ex/s        | %16.0f net-ex/s, epoch %.2f s wall, speedup %.1fx%n",
                mln.netExamplesPerWallSecond(), b.netExamplesPerWallSecond(), b.wallSeconds(), wallSpeedup);
        BenchmarkResults r = ctx.results();
        r.add("mln_net_examples_per_s_wall_" + width, mln.netExamplesPerWallSecond(), "network-examples/s (wall clock)");
        r.add("batched_net_examples_per_s_wall_" + width, b.netExamplesPerWallSecond(), "network-examples/s (wall clock)");
        r.add("speedup_vs_mln_wall_" + width, wallSpeedup, "x (wall clock)");
        r.add("mln_net_examples_per_s_" + width, mln.netExamplesPerSecond(), "network-examples/s");
        r.add("mln_gflops_" + width, mln.gflops(), "GFLOP/s");
        r.add("batched_k_" + width, b.k(), "networks");
        r.add("batched_net_examples_per_s_" + width, b.netExamplesPerSecond(), "network-examples/s");
        r.add("batched_gflops_" + width, b.gflops(), "GFLOP/s");
        r.add("batched_epoch_seconds_" + width, b.cpuSeconds(), "s");
        r.add("speedup_vs_mln_" + width, speedup, "x");
        r.add("checkpoint_export_share_" + width, b.exportShare(), "fraction of epoch time");
    }

    /**
     * The batched trainer (an epoch with its full evaluation) against SGEMM at its own first-layer shape,
     * per width, and at n1=500 against SGEMM at 2048³.
     */
    void gemmEfficiency(double[] batchedGflops) {
        BenchmarkResults r = ctx.results();
        StringBuilder sb = new StringBuilder("  batched trainer over SGEMM at its shape:");
        for (int w = 0; w < Workload.WIDTHS.length; w++) {
            int width = Workload.WIDTHS[w];
            double e = batchedGflops[w] / r.value("sgemm_gflops_trainer_shape_" + width);
            r.add("gemm_efficiency_" + width, e, "fraction of SGEMM at the trainer's shape");
            sb.append(String.format(" n1=%d %.0f%%;", width, 100 * e));
        }
        ctx.out().println(sb);
        r.add("gemm_efficiency_500_vs_2048", batchedGflops[batchedGflops.length - 1] / r.value("sgemm_gflops_2048"),
                "fraction of SGEMM 2048^3");
    }

    /** data_order independent at n1=100, compared with shared. */
    void independent(BatchedMeasurement.Rate b) {
        BenchmarkResults r = ctx.results();
        ctx.out().printf("%n  data_order independent (n1=100, K=%.0f): %.0f network-examples/s per CPU second, %.2f GFLOP/s"
                + " (%.0f%% of shared)%n", (double) b.k(), b.netExamplesPerSecond(), b.gflops(),
                100 * b.netExamplesPerSecond() / r.value("batched_net_examples_per_s_100"));
        r.add("batched_independent_net_examples_per_s_100", b.netExamplesPerSecond(), "network-examples/s");
        r.add("batched_independent_gflops_100", b.gflops(), "GFLOP/s");
    }

    /** Memory, load and duration, the targets checked, then every result as a {@code name value} line. */
    void finish(long startNanos) {
        BenchmarkResults r = ctx.results();
        MemoryPeaks memory = ctx.memory();
        r.add("peak_trainer_offheap_bytes", memory.offHeap(), "bytes (largest batched trainer's ND4J buffers)");
        r.add("peak_rss_bytes", memory.rss(), "bytes (resident set of the JVM)");
        ctx.out().printf("  memory: largest trainer %.0f MiB off-heap; peak resident set %.0f MiB%n",
                memory.offHeap() / 1048576.0, memory.rss() / 1048576.0);
        r.add("load_average_end", CpuClock.loadAverage(), "");
        r.add("benchmark_seconds", (System.nanoTime() - startNanos) / 1e9, "s");
        ctx.out().println();
        ctx.out().printf("  checks: speedup n1=25 %.1fx, n1=100 %.1fx (target >= 10x); SGEMM efficiency n1=25/100/500"
                        + " %.0f/%.0f/%.0f%% (target >= 75%%); export %.2f%% of epoch (target <= 2%%%s); sweep %.1f h on the"
                        + " 10k set (target <= 12 h), %.1f h on the standard split (target <= 10 h)%n",
                r.value("speedup_vs_mln_25"), r.value("speedup_vs_mln_100"), 100 * r.value("gemm_efficiency_25"),
                100 * r.value("gemm_efficiency_100"), 100 * r.value("gemm_efficiency_500"),
                100 * Arrays.stream(Workload.WIDTHS).mapToDouble(w -> r.value("checkpoint_export_share_" + w)).max().orElse(0),
                ctx.quick() ? "; quick epochs are 4x shorter than real ones, so this share is inflated" : "",
                r.value("sweep_hours_10k"), r.value("sweep_hours_mnist_full"));
        ctx.out().println();
        for (Result result : r.all()) {
            ctx.out().println(result.name() + " " + result.value());
        }
    }
}
