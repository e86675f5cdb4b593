package org.losslab.training.batched;

import static org.losslab.training.batched.CephesFloat.EXP_C0;
import static org.losslab.training.batched.CephesFloat.EXP_C1;
import static org.losslab.training.batched.CephesFloat.EXP_C2;
import static org.losslab.training.batched.CephesFloat.EXP_C3;
import static org.losslab.training.batched.CephesFloat.EXP_C4;
import static org.losslab.training.batched.CephesFloat.EXP_C5;
import static org.losslab.training.batched.CephesFloat.LN2_HI;
import static org.losslab.training.batched.CephesFloat.LN2_LO;
import static org.losslab.training.batched.CephesFloat.LOG2E;
import static org.losslab.training.batched.CephesFloat.ROUND;
import static org.losslab.training.batched.CephesFloat.ROUND_BITS;
import static org.losslab.training.batched.CephesFloat.UNDERFLOW;

/**
 * Softmax, its cross-entropy and the output delta over one network's logits stored class-major: the r rows'
 * logits of class c are {@code z[base + c·r .. base + c·r + r)} ({@link ForwardPass#logitsToHeap} transposes
 * them so). Each class row is copied to a scratch row, and every step is a counted loop over scratch rows at
 * the same index, without branches (maxima, shift, exponentials, sums, normalisation), which HotSpot's C2
 * compiles to SIMD instructions: with rows of 10 logits, or with arrays at different offsets (which C2 must
 * assume may overlap), it emits scalar code. Per row the arithmetic is that of a row-by-row softmax
 * (maximum, {@code z − max}, sums over the classes in class order); only the exponential decides the bits.
 *
 * <p>{@link #exp} is Cephes' single-precision exponential (range reduction by ln 2 in two parts, degree-6
 * polynomial, within 2 ulp of {@code Math.exp}) as two vectorisable loops: {@code x·log2 e} rounded by adding
 * 1.5·2^23 (instead of {@code Math.round}), the power of two from that float's bits in the second loop. Like
 * all Java float arithmetic it gives the same bits on every JVM.
 */
final class ClassMajorSoftmax {

    private static final int C = BatchedMemory.CLASSES;

    /** Scratch rows of at least r floats each, one set per trainer. */
    record Rows(float[] row, float[] max, float[] sum, float[] ties, float[] t) {
        static Rows of(int r) {
            return new Rows(new float[r], new float[r], new float[r], new float[r], new float[r]);
        }

        static long floats(int r) {
            return 5L * r;
        }
    }

    /** 2^127: a nonzero float's magnitude times it twice is at least 1 (the smallest subnormal is 2^−149). */
    private static final float BIG = 0x1p127f;

    private ClassMajorSoftmax() {
    }

    /**
     * {@code x[i] := e^x[i]} for i &lt; n and x ≤ 0 (NaN for NaN; 2^−126 below {@link #UNDERFLOW}, including
     * −∞); {@code t} is scratch of at least n floats.
     */
    static void exp(float[] x, int n, float[] t) {
        for (int i = 0; i < n; i++) {
            float xc = Math.max(x[i], UNDERFLOW);
            float rounded = xc * LOG2E + ROUND;
            float fn = rounded - ROUND;
            float r = xc - fn * LN2_HI - fn * LN2_LO;
            float p = EXP_C0;
            p = p * r + EXP_C1;
            p = p * r + EXP_C2;
            p = p * r + EXP_C3;
            p = p * r + EXP_C4;
            p = p * r + EXP_C5;
            x[i] = p * r * r + r + 1f;
            t[i] = rounded;
        }
        for (int i = 0; i < n; i++) {
            x[i] *= Float.intBitsToFloat((Float.floatToRawIntBits(t[i]) - ROUND_BITS + 127) << 23);
        }
    }

    /** {@code s.max[j] := max_c z[base + c·r + j]}. */
    static void rowMaximum(float[] z, int base, int r, Rows s) {
        float[] max = s.max();
        float[] row = s.row();
        System.arraycopy(z, base, max, 0, r);
        for (int c = 1; c < C; c++) {
            System.arraycopy(z, base + c * r, row, 0, r);
            for (int j = 0; j < r; j++) {
                max[j] = Math.max(max[j], row[j]);
            }
        }
    }

    /**
     * Class row c := exp(z − max), added to {@code s.sum} (set for c = 0); with {@code store} written back to z,
     * else left in {@code s.row}; without, the rows where z = max are counted in {@code s.ties} (set for c = 0).
     */
    private static void expShifted(float[] z, int base, int r, int c, Rows s, boolean store) {
        float[] row = s.row();
        float[] max = s.max();
        float[] sum = s.sum();
        System.arraycopy(z, base + c * r, row, 0, r);
        for (int j = 0; j < r; j++) {
            row[j] -= max[j];
        }
        if (!store) {
            float[] ties = s.ties();
            if (c == 0) {
                java.util.Arrays.fill(ties, 0, r, 0f);
            }
            for (int j = 0; j < r; j++) {
                ties[j] += 1f - Math.min(1f, Math.abs(row[j]) * BIG * BIG);
            }
        }
        exp(row, r, s.t());
        if (c == 0) {
            System.arraycopy(row, 0, sum, 0, r);
        } else {
            for (int j = 0; j < r; j++) {
                sum[j] += row[j];
            }
        }
        if (store) {
            System.arraycopy(row, 0, z, base + c * r, r);
        }
    }

    /**
     * Whether the JVM runs with {@code --add-modules jdk.incubator.vector} (the launcher, Dockerfile and
     * Maven's test plugins pass it): then {@link #softmax}, {@link #crossEntropy}, {@link #classSum} and
     * {@link HeapRelu} use the Vector API kernels ({@link VectorSoftmax}, {@link VectorRelu}), which compute
     * the same bits faster; without it these scalar loops, which stay the reference.
     */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /** Logits of one network := its softmax (a NaN logit makes its row NaN: a diverged network). */
    static void softmax(float[] z, int base, int r, Rows s) {
        if (VECTOR) {
            VectorSoftmax.softmax(z, base, r, s);
            return;
        }
        scalarSoftmax(z, base, r, s);
    }

    /** {@link #softmax} as the scalar reference loops. */
    static void scalarSoftmax(float[] z, int base, int r, Rows s) {
        rowMaximum(z, base, r, s);
        for (int c = 0; c < C; c++) {
            expShifted(z, base, r, c, s, true);
        }
        float[] inv = s.max();
        float[] sum = s.sum();
        for (int j = 0; j < r; j++) {
            inv[j] = 1f / sum[j];
        }
        float[] row = s.row();
        for (int c = 0; c < C; c++) {
            System.arraycopy(z, base + c * r, row, 0, r);
            for (int j = 0; j < r; j++) {
                row[j] *= inv[j];
            }
            System.arraycopy(row, 0, z, base + c * r, r);
        }
    }

    /** {@code Σ_j z[base + c·r + j]} in four interleaved partial sums (a fixed order, four times the ILP). */
    static float classSum(float[] z, int base, int r, int c) {
        return VECTOR ? VectorSoftmax.classSum(z, base, r, c) : scalarClassSum(z, base, r, c);
    }

    /** {@link #classSum} as the scalar reference loop. */
    static float scalarClassSum(float[] z, int base, int r, int c) {
        int o = base + c * r;
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int j = 0;
        for (; j + 3 < r; j += 4) {
            s0 += z[o + j];
            s1 += z[o + j + 1];
            s2 += z[o + j + 2];
            s3 += z[o + j + 3];
        }
        for (; j < r; j++) {
            s0 += z[o + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Summed cross-entropy {@code Σ_j log Σ_c exp(z − max) − (z_label − max)} of one network's r rows (labels
     * {@code y[yFrom + j]}); adds its misclassified rows (the label is not the first maximum) to
     * {@code wrong[i]}. Leaves z as it was.
     */
    static double crossEntropy(float[] z, int base, int r, int[] y, int yFrom, Rows s, long[] wrong, int i) {
        if (VECTOR) {
            return VectorSoftmax.crossEntropy(z, base, r, y, yFrom, s, wrong, i);
        }
        return scalarCrossEntropy(z, base, r, y, yFrom, s, wrong, i);
    }

    /** {@link #crossEntropy} as the scalar reference loops. */
    static double scalarCrossEntropy(float[] z, int base, int r, int[] y, int yFrom, Rows s, long[] wrong, int i) {
        rowMaximum(z, base, r, s);
        for (int c = 0; c < C; c++) {
            expShifted(z, base, r, c, s, false);
        }
        return rowLosses(z, base, r, y, yFrom, s, wrong, i);
    }

    /**
     * The rows' summed {@code log Σ exp(z − max) − (z_label − max)} from the maxima, sums and tie counts in
     * {@code s} (computed by the scalar or the vector loops), adding the misclassified rows to {@code wrong[i]}.
     */
    static double rowLosses(float[] z, int base, int r, int[] y, int yFrom, Rows s, long[] wrong, int i) {
        float[] max = s.max();
        float[] sum = s.sum();
        float[] ties = s.ties();
        double loss = 0;
        long bad = 0;
        for (int j = 0; j < r; j++) {
            int label = y[yFrom + j];
            float shifted = z[base + label * r + j] - max[j];
            loss += Math.log(sum[j]) - shifted;
            if (shifted != 0f) {
                bad++;
            } else if (ties[j] > 1f) {
                bad += firstMaximum(z, base, r, j, max[j]) == label ? 0 : 1;
            }
        }
        wrong[i] += bad;
        return loss;
    }

    /** The first class of row j whose logit is the maximum (only needed when several are). */
    private static int firstMaximum(float[] z, int base, int r, int j, float max) {
        int c = 0;
        while (z[base + c * r + j] != max) {
            c++;
        }
        return c;
    }
}
