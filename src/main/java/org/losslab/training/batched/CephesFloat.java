package org.losslab.training.batched;

/**
 * Cephes' single-precision exponential and logarithm as plain float arithmetic in a fixed order, the reference
 * whose bits {@link VectorOutputLayer} reproduces lane by lane with the same constants. Like all Java float
 * arithmetic they give the same bits on every JVM; {@code Math.exp} and {@code Math.log} are double precision
 * and not vectorisable.
 */
final class CephesFloat {

    static final float LOG2E = 1.44269504088896341f;
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2^23: adding it rounds a float of magnitude below 2^22 to an integer (to nearest, ties to even). */
    static final float ROUND = 12582912f;
    static final int ROUND_BITS = 0x4B400000;
    /** exp(x) of smaller x is below the smallest normal float: x is raised to this (e^x = 2^−126). */
    static final float UNDERFLOW = -87.33654f;

    /** √½: the logarithm's reduced argument is kept in [√½, √2). */
    static final float SQRTHF = 0.707106781186547524f;

    /** The exponential's polynomial in the reduced argument, highest power first. */
    static final float EXP_C0 = 1.9875691500e-4f;
    static final float EXP_C1 = 1.3981999507e-3f;
    static final float EXP_C2 = 8.3334519073e-3f;
    static final float EXP_C3 = 4.1665795894e-2f;
    static final float EXP_C4 = 1.6666665459e-1f;
    static final float EXP_C5 = 5.0000001201e-1f;
    /** The logarithm's polynomial in the reduced mantissa, highest power first. */
    static final float LOG_C0 = 7.0376836292E-2f;
    static final float LOG_C1 = -1.1514610310E-1f;
    static final float LOG_C2 = 1.1676998740E-1f;
    static final float LOG_C3 = -1.2420140846E-1f;
    static final float LOG_C4 = 1.4249322787E-1f;
    static final float LOG_C5 = -1.6668057665E-1f;
    static final float LOG_C6 = 2.0000714765E-1f;
    static final float LOG_C7 = -2.4999993993E-1f;
    static final float LOG_C8 = 3.3333331174E-1f;

    private CephesFloat() {
    }

    /**
     * Cephes' single-precision natural logarithm for a positive normal x (within about 1 ulp of {@code Math.log}),
     * NaN for NaN: the exponent and mantissa from the float's bits, a degree-8 polynomial in the mantissa minus 1,
     * as the vector kernels compute it. Losses are sums of at most 10 exponentials of non-positive numbers, one of
     * them 1, so x lies in [1, 10] or is NaN.
     */
    static float log(float x) {
        int bits = Float.floatToRawIntBits(x);
        float e = (bits >>> 23) - 126;
        float m = Float.intBitsToFloat(bits & 0x007FFFFF | 0x3F000000);
        if (m < SQRTHF) {
            e = e - 1f;
            m = m + m - 1f;
        } else {
            m = m - 1f;
        }
        float z = m * m;
        float y = LOG_C0;
        y = y * m + LOG_C1;
        y = y * m + LOG_C2;
        y = y * m + LOG_C3;
        y = y * m + LOG_C4;
        y = y * m + LOG_C5;
        y = y * m + LOG_C6;
        y = y * m + LOG_C7;
        y = y * m + LOG_C8;
        y = y * m * z + LN2_LO * e + -0.5f * z;
        return m + y + LN2_HI * e + x * 0f;
    }

    /**
     * Cephes' single-precision {@code e^x} for x ≤ 0 (range reduction by ln 2 in two parts, degree-6 polynomial,
     * within 2 ulp of {@code Math.exp}); 2^−126 below {@link #UNDERFLOW}, NaN for NaN. The rounding adds
     * 1.5·2^23 and the power of two comes from that float's bits, as the vector kernels compute it.
     */
    static float exp(float x) {
        float xc = Math.max(x, UNDERFLOW);
        float rounded = xc * LOG2E + ROUND;
        float fn = rounded - ROUND;
        float r = xc - fn * LN2_HI - fn * LN2_LO;
        float p = EXP_C0;
        p = p * r + EXP_C1;
        p = p * r + EXP_C2;
        p = p * r + EXP_C3;
        p = p * r + EXP_C4;
        p = p * r + EXP_C5;
        float two = Float.intBitsToFloat((Float.floatToRawIntBits(rounded) - ROUND_BITS + 127) << 23);
        return (p * r * r + r + 1f) * two;
    }
}
