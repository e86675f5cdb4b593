package org.losslab.math;

import java.util.function.IntToDoubleFunction;

/**
 * log Σ_k e^{f_k}, computed as m + log Σ_k e^{f_k − m} with m = max_k f_k, so that neither overflows
 * nor underflows to log 0: the softmax cross-entropy of logits far from 0 (the paper's U[−1, 1]
 * initialisation gives such logits) stays finite and exact.
 */
public final class LogSumExp {

    private LogSumExp() {
    }

    public static double of(double[] f) {
        return of(f.length, k -> f[k]);
    }

    /** The same in double arithmetic on float logits (no rounding to float on the way). */
    public static double of(float[] f) {
        return of(f.length, k -> f[k]);
    }

    private static double of(int n, IntToDoubleFunction f) {
        double m = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            m = Math.max(m, f.applyAsDouble(k));
        }
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += Math.exp(f.applyAsDouble(k) - m);
        }
        return m + Math.log(s);
    }
}
