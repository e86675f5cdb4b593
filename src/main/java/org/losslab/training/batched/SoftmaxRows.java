package org.losslab.training.batched;

/**
 * Softmax over one row of 10 logits and the exponential it needs, in plain Java: one pass per row inside
 * the loops that read the logits anyway (the output delta, the evaluation loss), instead of separate
 * exp / normalise / log passes of ND4J ops over the whole logit buffer. {@link #exp} is Cephes' single
 * precision exponential (range reduction by ln 2 in two parts, degree-6 polynomial): within 2 ulp of
 * {@code Math.exp}, about three times faster, and like all Java float arithmetic the same bits on every JVM.
 */
final class SoftmaxRows {

    private static final int C = BatchedMemory.CLASSES;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** Below this exp(x) is under the smallest normal float: returned as 0. */
    private static final float UNDERFLOW = -87.33654f;

    private SoftmaxRows() {
    }

    /** e^x for x ≤ 0 (NaN for NaN, 0 below {@link #UNDERFLOW}, including −∞). */
    static float exp(float x) {
        if (x < UNDERFLOW) {
            return 0f;
        }
        int n = Math.round(x * LOG2E);
        float r = x - n * LN2_HI - n * LN2_LO;
        float p = 1.9875691500e-4f;
        p = p * r + 1.3981999507e-3f;
        p = p * r + 8.3334519073e-3f;
        p = p * r + 4.1665795894e-2f;
        p = p * r + 1.6666665459e-1f;
        p = p * r + 5.0000001201e-1f;
        p = p * r * r + r + 1f;
        return p * Float.intBitsToFloat((n + 127) << 23);
    }

    /** p[o..o+10) := softmax of itself, shifted by its maximum (a NaN logit makes the row NaN: a diverged network). */
    static void softmax(float[] p, int o) {
        float max = p[o];
        for (int c = 1; c < C; c++) {
            max = Math.max(max, p[o + c]);
        }
        float sum = 0f;
        for (int c = 0; c < C; c++) {
            float e = exp(p[o + c] - max);
            p[o + c] = e;
            sum += e;
        }
        float inv = 1f / sum;
        for (int c = 0; c < C; c++) {
            p[o + c] *= inv;
        }
    }

    /** {@code −log softmax(z)[label] = log Σ exp(z − max) − (z_label − max)} for row z[o..o+10) with maximum {@code max}. */
    static double crossEntropy(float[] z, int o, float max, int label) {
        float sum = 0f;
        for (int c = 0; c < C; c++) {
            sum += exp(z[o + c] - max);
        }
        return Math.log(sum) - (z[o + label] - max);
    }
}
