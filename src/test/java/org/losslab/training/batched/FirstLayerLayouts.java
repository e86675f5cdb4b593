package org.losslab.training.batched;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GFLOP/s per CPU second of the first-layer products in three layouts (docs/performance.md, lever 15): row-major
 * {@code Z = X·W1} and its update, feature-major {@code Zᵀ = W1ᵀ·Xᵀ} and its update, and with W1 stored
 * transposed. Not a test: a measurement; {@code java … FirstLayerLayouts columns rows} with OMP_NUM_THREADS=1.
 */
public final class FirstLayerLayouts {
    private static final ThreadMXBean T = ManagementFactory.getThreadMXBean();

    private FirstLayerLayouts() {
    }

    public static void main(String[] a) {
        int cols = Integer.parseInt(a[0]);
        int r = Integer.parseInt(a[1]);
        int f1 = 101;
        int ld = BlockShape.lead(r);
        INDArray x = Nd4j.rand(DataType.FLOAT, r, f1);
        INDArray w1 = Nd4j.rand(DataType.FLOAT, f1, cols);
        INDArray w1t = Nd4j.rand(DataType.FLOAT, cols, f1);
        INDArray z = Nd4j.rand(DataType.FLOAT, r, cols);
        INDArray zt = Nd4j.rand(DataType.FLOAT, cols, ld);
        FloatPointer px = Sgemm.at(x, 0);
        FloatPointer pw = Sgemm.at(w1, 0);
        FloatPointer pwt = Sgemm.at(w1t, 0);
        FloatPointer pz = Sgemm.at(z, 0);
        FloatPointer pzt = Sgemm.at(zt, 0);
        double flops = 2.0 * r * cols * f1;
        String[] names = {"fwd old  Z=X.W1 (N,N)", "fwd new  Zt=W1t.Xt (T,T)", "fwd W1t  Zt=W1t.Xt (N,T)",
            "upd old  W1+=Xt.dZ (T,N)", "upd new  W1+=Xt.dZt' (T,T)", "upd W1t  W1t+=dZt.X (N,N)"};
        for (int rep = 0; rep < 4; rep++) {
            StringBuilder sb = new StringBuilder();
            for (int v = 0; v < 6; v++) {
                long c0 = T.getCurrentThreadCpuTime();
                int it = 0;
                while (T.getCurrentThreadCpuTime() - c0 < 300_000_000L) {
                    switch (v) {
                        case 0 -> Sgemm.gemm(false, false, r, cols, f1, 1f, px, f1, pw, cols, 0f, pz, cols);
                        case 1 -> Sgemm.gemm(true, true, cols, r, f1, 1f, pw, cols, px, f1, 0f, pzt, ld);
                        case 2 -> Sgemm.gemm(false, true, cols, r, f1, 1f, pwt, f1, px, f1, 0f, pzt, ld);
                        case 3 -> Sgemm.gemm(true, false, f1, cols, r, -1e-9f, px, f1, pz, cols, 1f, pw, cols);
                        case 4 -> Sgemm.gemm(true, true, f1, cols, r, -1e-9f, px, f1, pzt, ld, 1f, pw, cols);
                        default -> Sgemm.gemm(false, false, cols, f1, r, -1e-9f, pzt, ld, px, f1, 1f, pwt, f1);
                    }
                    it++;
                }
                double s = (T.getCurrentThreadCpuTime() - c0) / 1e9;
                sb.append(String.format("%s %.1f | ", names[v], flops * it / s / 1e9));
            }
            if (rep > 0) {
                System.out.println("cols=" + cols + " r=" + r + ": " + sb);
            }
        }
    }
}
