package org.losslab.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SGEMM speed, the yardstick for the trainers: at 2048³ (what the BLAS can do) and at the batched
 * trainer's first-layer shapes {@code 100 × 101 · 101 × K·n} (what it can do there); for
 * {@link SgemmBound}, also the weight-gradient shape {@code 101 × 100 · 100 × K·n} at the sweep's block size.
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
        double g2048 = gflops(2048, 2048, 2048, false, ctx.quick() ? 3 : 5);
        ctx.out().printf("    2048 x 2048 x 2048                 %7.2f GFLOP/s%n", g2048);
        ctx.results().add("sgemm_gflops_2048", g2048, "GFLOP/s");
        for (int width : Workload.WIDTHS) {
            int cols = k * width;
            double g = gflops(Workload.BATCH, 101, cols, false, ctx.quick() ? 5 : 7);
            ctx.out().printf("    100 x 101 . 101 x %-8d (n1=%3d) %7.2f GFLOP/s%n", cols, width, g);
            ctx.results().add("sgemm_gflops_trainer_shape_" + width, g, "GFLOP/s");
        }
    }

    /**
     * {@code [forward, weight gradient]} GFLOP/s at {@link Workload#WIDTHS} for a block of k networks: the
     * first layer's forward product and its weight update {@code W1 += Xᵀ·dZ} (A transposed, accumulating),
     * as the batched trainer calls them on one chunk; recorded as {@code sgemm_gflops_block_forward_<n1>} and
     * {@code sgemm_gflops_block_gradient_<n1>}.
     */
    double[][] blockShapes(int k) {
        double[][] g = new double[2][Workload.WIDTHS.length];
        StringBuilder sb = new StringBuilder("  SGEMM at K = " + k + " (GFLOP/s: forward 100 x 101 . 101 x K.n1,"
                + " gradient 101 x 100 . 100 x K.n1):");
        for (int w = 0; w < Workload.WIDTHS.length; w++) {
            int width = Workload.WIDTHS[w];
            g[0][w] = gflops(Workload.BATCH, 101, k * width, false, ctx.quick() ? 5 : 7);
            g[1][w] = gflops(101, Workload.BATCH, k * width, true, ctx.quick() ? 5 : 7);
            ctx.results().add("sgemm_gflops_block_forward_" + width, g[0][w], "GFLOP/s (K = " + k + ")");
            ctx.results().add("sgemm_gflops_block_gradient_" + width, g[1][w], "GFLOP/s (K = " + k + ")");
            sb.append(String.format(" n1=%d %.1f, %.1f;", width, g[0][w], g[1][w]));
        }
        ctx.out().println(sb);
        return g;
    }

    /**
     * Median GFLOP/s (per CPU second of this thread) through Nd4j.gemm of C[m×n] = A[m×k]·B[k×n], or with
     * {@code gradient} of C[m×n] += A[k×m]ᵀ·B[k×n] (the first-layer weight update).
     */
    private double gflops(int m, int kk, int n, boolean gradient, int reps) {
        INDArray a = gradient ? Nd4j.rand(DataType.FLOAT, kk, m) : Nd4j.rand(DataType.FLOAT, m, kk);
        INDArray b = Nd4j.rand(DataType.FLOAT, kk, n);
        INDArray c = Nd4j.create(DataType.FLOAT, m, n);
        double beta = gradient ? 1.0 : 0.0;
        Nd4j.gemm(a, b, c, gradient, false, 1.0, beta);
        double[] s = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t = CpuClock.threadNanos();
            Nd4j.gemm(a, b, c, gradient, false, 1.0, beta);
            s[r] = (CpuClock.threadNanos() - t) / 1e9;
        }
        ctx.memory().sample();
        a.close();
        b.close();
        c.close();
        return 2.0 * m * kk * n / CpuClock.median(s) / 1e9;
    }
}
