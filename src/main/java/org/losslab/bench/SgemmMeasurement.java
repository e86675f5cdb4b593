package org.losslab.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SGEMM speed, the yardstick for the trainers: at 2048³ (what the BLAS can do) and at the batched
 * trainer's first-layer shapes {@code 100 × 101 · 101 × K·n} (what it can do there).
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

    /** Median GFLOP/s (per CPU second of this thread) of C[m×n] = A[m×k]·B[k×n] through Nd4j.gemm. */
    private double gflops(int m, int kk, int n, int reps) {
        INDArray a = Nd4j.rand(DataType.FLOAT, m, kk);
        INDArray b = Nd4j.rand(DataType.FLOAT, kk, n);
        INDArray c = Nd4j.create(DataType.FLOAT, m, n);
        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        double[] s = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t = CpuClock.threadNanos();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            s[r] = (CpuClock.threadNanos() - t) / 1e9;
        }
        ctx.memory().sample();
        a.close();
        b.close();
        c.close();
        return 2.0 * m * kk * n / CpuClock.median(s) / 1e9;
    }
}
