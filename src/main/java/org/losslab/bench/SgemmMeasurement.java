package org.losslab.bench;

import org.losslab.training.batched.FirstLayerProducts;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SGEMM speed, the yardstick for the trainers: at 2048³ (what the BLAS can do) and at the batched
 * trainer's first-layer shapes {@code 100 × 101 · 101 × K·n} (what it can do there); for
 * {@link SgemmBound}, the first layer's forward and weight-gradient products at the sweep's block size, called
 * as the trainer calls them (in chunks).
 */
final class SgemmMeasurement {

    private final BenchmarkContext ctx;

    SgemmMeasurement(BenchmarkContext ctx) {
        this.ctx = ctx;
    }

    /** Prints the SGEMM section and records {@code sgemm_gflops_2048} and {@code sgemm_gflops_trainer_shape_<n1>}. */
    void run(int k) {
        ctx.out().println();
        ctx.out().println("  SGEMM (Nd4j.gemm into a preallocated output), median of repeats, per CPU second:");
        double g2048 = gflops(2048, 2048, 2048, ctx.quick() ? 3 : 5);
        ctx.out().printf("    2048 x 2048 x 2048                 %7.2f GFLOP/s%n", g2048);
        ctx.results().add("sgemm_gflops_2048", g2048, "GFLOP/s");
        for (int width : Workload.WIDTHS) {
            int cols = k * width;
            double g = gflops(Workload.BATCH, 101, cols, ctx.quick() ? 5 : 7);
            ctx.out().printf("    100 x 101 . 101 x %-8d (n1=%3d) %7.2f GFLOP/s%n", cols, width, g);
            ctx.results().add("sgemm_gflops_trainer_shape_" + width, g, "GFLOP/s");
        }
    }

    /**
     * {@code [forward, weight gradient]} GFLOP/s at {@link Workload#WIDTHS} for a block of k networks: the first
     * layer's products of a 100-example step ({@link FirstLayerProducts}: per 2,500-column chunk, or per group of
     * feature-major networks at n1 &le; 32, as the batched trainer calls them); recorded as
     * {@code sgemm_gflops_block_forward_<n1>} and {@code sgemm_gflops_block_gradient_<n1>}.
     */
    double[][] blockShapes(int k) {
        double[][] g = new double[2][Workload.WIDTHS.length];
        StringBuilder sb = new StringBuilder("  SGEMM as the trainer calls it at K = " + k + " (GFLOP/s: forward, gradient;"
                + " columns a call):");
        for (int w = 0; w < Workload.WIDTHS.length; w++) {
            int width = Workload.WIDTHS[w];
            try (FirstLayerProducts p = new FirstLayerProducts(100, width, k, Workload.BATCH)) {
                int steps = (int) Math.max(1, Math.ceil(1e9 / p.flopsPerStep()));
                int reps = ctx.quick() ? 5 : 7;
                g[0][w] = stepGflops(p, p::forward, steps, reps);
                g[1][w] = stepGflops(p, p::gradient, steps, reps);
                sb.append(String.format(" n1=%d %.1f, %.1f (%d);", width, g[0][w], g[1][w], p.columnsPerCall()));
            }
            ctx.results().add("sgemm_gflops_block_forward_" + width, g[0][w], "GFLOP/s (K = " + k + ", trainer's calls)");
            ctx.results().add("sgemm_gflops_block_gradient_" + width, g[1][w], "GFLOP/s (K = " + k + ", trainer's calls)");
        }
        ctx.out().println(sb);
        return g;
    }

    /** Median GFLOP/s per CPU second of {@code reps} runs of {@code steps} steps of one product kind, after one. */
    private double stepGflops(FirstLayerProducts p, Runnable step, int steps, int reps) {
        double seconds = medianCpuSeconds(step, () -> {
            for (int i = 0; i < steps; i++) {
                step.run();
            }
        }, reps);
        return steps * p.flopsPerStep() / seconds / 1e9;
    }

    /** Median GFLOP/s (per CPU second of this thread) through Nd4j.gemm of C[m×n] = A[m×k]·B[k×n]. */
    private double gflops(int m, int kk, int n, int reps) {
        INDArray a = Nd4j.rand(DataType.FLOAT, m, kk);
        INDArray b = Nd4j.rand(DataType.FLOAT, kk, n);
        INDArray c = Nd4j.create(DataType.FLOAT, m, n);
        Runnable product = () -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        double seconds = medianCpuSeconds(product, product, reps);
        a.close();
        b.close();
        c.close();
        return 2.0 * m * kk * n / seconds / 1e9;
    }

    /** Median CPU seconds of this thread over {@code reps} runs of {@code work}, after {@code warmUp} once. */
    private double medianCpuSeconds(Runnable warmUp, Runnable work, int reps) {
        warmUp.run();
        double[] s = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t = CpuClock.threadNanos();
            work.run();
            s[r] = (CpuClock.threadNanos() - t) / 1e9;
        }
        ctx.memory().sample();
        return CpuClock.median(s);
    }
}
