package org.losslab.training.batched;

import static org.losslab.training.batched.Sgemm.move;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Micro-benchmark of docs/performance.md lever 14 (measured, not built): the per-network output-layer
 * products of K networks as today's OpenBLAS calls on the row-major off-heap activations {@code [r × K·n]}
 * (A: {@link ForwardPass#run}'s forward, {@link SgdStep}'s two backward products, reused pointers) against
 * {@link OutputLayerKernels} on feature-major heap activations (B). Checks B against A after one pass, then
 * times each product (and the three as one training step) for both, interleaved in alternating order, CPU
 * nanoseconds of this thread per network-example, medians after a warm-up long enough for C2 to compile
 * the Vector API. Not a test: a measurement.
 * <pre>OMP_NUM_THREADS=1 java --add-modules jdk.incubator.vector -cp target/test-classes:target/classes:$(cat cp.txt)
 *     org.losslab.training.batched.OutputLayerSpeed K repetitions warmupSeconds width...</pre>
 * Training rows are 100 (all products), evaluation rows 500 (forward only).
 */
public final class OutputLayerSpeed {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int C = BatchedMemory.CLASSES;
    private static final String[] OPS = {"forward", "gradient", "update", "step", "update/fm"};

    private final int k;
    private final int n;
    private final int r;
    private final float alpha;
    // A: off-heap, the trainer's layouts (H row-major [r × K·n], logits [r × 10] and delta [10 × r] per network)
    private final INDArray ha;
    private final INDArray wa;
    private final INDArray za;
    private final INDArray da;
    private final INDArray ga;
    private final FloatPointer hP;
    private final FloatPointer wP;
    private final FloatPointer zP;
    private final FloatPointer dP;
    private final FloatPointer gP;
    private final FloatPointer[] slots = new FloatPointer[7];
    // B: heap, feature-major H [n × r] and gradient per network, class-major logits and delta
    private final float[] hb;
    private final float[] wb;
    private final float[] zb;
    private final float[] db;
    private final float[] gb;
    private final float[] sums = new float[32];
    // op 4's B: OpenBLAS's update reading feature-major H off-heap (transposed operand) into its own W2
    private final INDArray hf;
    private final INDArray wf;
    private final FloatPointer hfP;
    private final FloatPointer wfP;

    private OutputLayerSpeed(int k, int n, int r, float alpha, long seed) {
        this.k = k;
        this.n = n;
        this.r = r;
        this.alpha = alpha;
        Random random = new Random(seed);
        hb = new float[k * n * r];
        float[] hRowMajor = new float[hb.length];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < n; j++) {
                for (int row = 0; row < r; row++) {
                    float v = (float) Math.max(0, random.nextGaussian());
                    hb[(i * n + j) * r + row] = v;
                    hRowMajor[row * k * n + i * n + j] = v;
                }
            }
        }
        wb = fill(new float[k * C * n], random, 0.3f);
        db = fill(new float[k * C * r], random, 0.5f);
        zb = new float[k * C * r];
        gb = new float[k * n * r];
        ha = Nd4j.create(hRowMajor);
        wa = Nd4j.create(wb.clone());
        da = Nd4j.create(db.clone());
        za = Nd4j.create(new float[zb.length]);
        ga = Nd4j.create(new float[gb.length]);
        hP = Sgemm.at(ha, 0);
        wP = Sgemm.at(wa, 0);
        zP = Sgemm.at(za, 0);
        dP = Sgemm.at(da, 0);
        gP = Sgemm.at(ga, 0);
        hf = Nd4j.create(hb.clone());
        wf = Nd4j.create(wb.clone());
        hfP = Sgemm.at(hf, 0);
        wfP = Sgemm.at(wf, 0);
        FloatPointer[] bases = {hP, wP, zP, dP, gP, hfP, wfP}; // a slot moves within its base only
        for (int s = 0; s < slots.length; s++) {
            slots[s] = new FloatPointer(bases[s]);
        }
    }

    private static float[] fill(float[] a, Random random, float scale) {
        for (int i = 0; i < a.length; i++) {
            a[i] = (random.nextFloat() * 2 - 1) * scale;
        }
        return a;
    }

    /**
     * One pass of product {@code op} (0 forward, 1 gradient, 2 update, 3 all three; 4 the update, as A's 2)
     * over the K networks.
     */
    private void passA(int op) {
        int cols = k * n;
        for (int i = 0; i < k; i++) {
            FloatPointer h = move(slots[0], hP, (long) i * n);
            FloatPointer w = move(slots[1], wP, (long) i * C * n);
            FloatPointer d = move(slots[3], dP, (long) i * C * r);
            if (op == 0 || op == 3) {
                Sgemm.gemm(false, true, r, C, n, 1f, h, cols, w, n, 0f, move(slots[2], zP, (long) i * r * C), C);
            }
            if (op == 1 || op == 3) {
                Sgemm.gemm(true, false, r, n, C, 1f, d, r, w, n, 0f, move(slots[4], gP, (long) i * n), cols);
            }
            if (op == 2 || op == 3 || op == 4) {
                Sgemm.gemm(false, false, C, n, r, alpha, d, r, h, cols, 1f, w, n);
            }
        }
    }

    private void passB(int op) {
        if (op == 4) {
            for (int i = 0; i < k; i++) {
                Sgemm.gemm(false, true, C, n, r, alpha, move(slots[3], dP, (long) i * C * r), r,
                        move(slots[5], hfP, (long) i * n * r), r, 1f, move(slots[6], wfP, (long) i * C * n), n);
            }
            return;
        }
        for (int i = 0; i < k; i++) {
            int h = i * n * r;
            int w = i * C * n;
            int d = i * C * r;
            if (op == 0 || op == 3) {
                OutputLayerKernels.forward(hb, h, wb, w, zb, d, n, r);
            }
            if (op == 1 || op == 3) {
                OutputLayerKernels.gradient(db, d, wb, w, gb, h, n, r);
            }
            if (op == 2 || op == 3) {
                OutputLayerKernels.update(db, d, hb, h, wb, w, n, r, alpha, sums);
            }
        }
    }

    /** Normwise relative differences of B against A after one pass (alpha = −1, so the update is large). */
    private void verify() {
        float[] w0 = wb.clone();
        passA(3);
        passB(3);
        passB(4);
        float[] wfm = wf.toFloatVector();
        float[] z = za.toFloatVector();
        float[] g = ga.toFloatVector();
        float[] w = wa.toFloatVector();
        double[] err = new double[8]; // |A−B| max and |A| max: logits, gradient, weight change
        for (int i = 0; i < k; i++) {
            for (int row = 0; row < r; row++) {
                for (int c = 0; c < C; c++) {
                    track(err, 0, z[(i * r + row) * C + c], zb[(i * C + c) * r + row]);
                }
                for (int j = 0; j < n; j++) {
                    track(err, 2, g[row * k * n + i * n + j], gb[(i * n + j) * r + row]);
                }
            }
        }
        for (int e = 0; e < w.length; e++) {
            track(err, 4, w[e] - w0[e], wb[e] - w0[e]);
            track(err, 6, w[e] - w0[e], wfm[e] - w0[e]);
        }
        System.out.printf("check n1=%d r=%d: max|B-A|/max|A| logits %.2e, gradient %.2e, weight change %.2e"
                + " (OpenBLAS on feature-major H %.2e)%n", n, r, err[0] / err[1], err[2] / err[3], err[4] / err[5],
                err[6] / err[7]);
    }

    private static void track(double[] err, int at, double a, double b) {
        err[at] = Math.max(err[at], Math.abs(a - b));
        err[at + 1] = Math.max(err[at + 1], Math.abs(a));
    }

    /** CPU ns of this thread per network-example for {@code passes} passes of product op. */
    private double time(boolean vector, int op, int passes) {
        long t = THREADS.getCurrentThreadCpuTime();
        for (int p = 0; p < passes; p++) {
            if (vector) {
                passB(op);
            } else {
                passA(op);
            }
        }
        return (THREADS.getCurrentThreadCpuTime() - t) / ((double) passes * k * r);
    }

    private void measure(int ops, int reps, double warmupSeconds) {
        int passes = (int) Math.max(2, 2.5e8 / ((double) k * r * n * 20));
        long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < end) {
            for (int op = 0; op < ops; op++) {
                time(false, op, 1);
                time(true, op, 1);
            }
        }
        double[][][] ns = new double[2][ops][reps];
        for (int rep = 0; rep < reps; rep++) {
            for (int op = 0; op < ops; op++) {
                boolean vectorFirst = rep % 2 == 1;
                ns[vectorFirst ? 1 : 0][op][rep] = time(vectorFirst, op, passes);
                ns[vectorFirst ? 0 : 1][op][rep] = time(!vectorFirst, op, passes);
            }
        }
        for (int op = 0; op < ops; op++) {
            double a = median(ns[0][op]);
            double b = median(ns[1][op]);
            double flops = 20.0 * n * (op == 3 ? 3 : 1);
            String variant = op == 4 ? "B=OpenBLAS on feature-major H" : "";
            System.out.printf("n1=%d r=%d %-8s A %7.2f ns (%5.2f-%5.2f, %4.1f GFLOP/s)  B %7.2f ns (%5.2f-%5.2f, "
                    + "%4.1f GFLOP/s)  A/B %.2fx %s%n", n, r, OPS[op], a, min(ns[0][op]), max(ns[0][op]), flops / a, b,
                    min(ns[1][op]), max(ns[1][op]), flops / b, a / b, variant);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    public static void main(String[] args) {
        int k = Integer.parseInt(args[0]);
        int reps = Integer.parseInt(args[1]);
        double warmup = Double.parseDouble(args[2]);
        if (jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length() != 16) {
            throw new IllegalStateException("OutputLayerKernels.update's tree assumes 16-lane (AVX-512) vectors");
        }
        System.out.printf("K=%d, %d-lane vectors, OPENBLAS_CORETYPE=%s%n", k,
                jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length(), System.getenv("OPENBLAS_CORETYPE"));
        for (int a = 3; a < args.length; a++) {
            int n = Integer.parseInt(args[a]);
            new OutputLayerSpeed(k, n, 100, -1f, 1).verify();
            new OutputLayerSpeed(k, n, 500, -1f, 2).verify();
            new OutputLayerSpeed(k, n, 100, -1e-4f, 3).measure(OPS.length, reps, warmup);
            new OutputLayerSpeed(k, n, 500, -1e-4f, 4).measure(1, reps, warmup);
        }
    }
}
