package org.losslab.theory;

import org.apache.commons.math3.analysis.solvers.BrentSolver;

/**
 * The layered thresholds {@code E_k(p)}: the unique root {@code E > E_∞} of {@code Θ_{k,p}(−E) = 0}
 * (science.md §B.5). Below {@code −N E_k} there is, with overwhelming probability, no critical point of
 * index ≥ k (science.md §B.6), so {@code −E_0} is the ground state and {@code [−E_0, −E_∞]} the band.
 *
 * <p>Found with Commons Math's Brent solver on {@code [E_∞(1+1e−12), 5]} (science.md §B.8 item 2); the
 * function is strictly decreasing there for p ≥ 3, so the bracket holds exactly one sign change.
 * For p = 2 the complexity never becomes positive, there is no layering, and {@code E_k(2) = E_∞(2) = √2}.
 */
public final class ComplexityThresholds {

    private static final double LOWER_FACTOR = 1.0 + 1e-12;
    private static final double UPPER = 5.0;
    private static final double ABSOLUTE_ACCURACY = 1e-14;
    private static final int MAX_EVALUATIONS = 1000;

    private ComplexityThresholds() {
    }

    /** {@code E_k(p)}; see the class comment for p = 2. */
    public static double threshold(int k, int p) {
        SpinGlassComplexity.checkP(p);
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        double eInf = SpinGlassComplexity.eInf(p);
        if (p == 2) {
            return eInf;
        }
        double upper = UPPER;
        while (SpinGlassComplexity.theta(k, p, -upper) >= 0.0) {
            upper *= 2.0; // only for very large p, where the band moves past 5
        }
        BrentSolver solver = new BrentSolver(1e-15, ABSOLUTE_ACCURACY, 1e-300);
        return solver.solve(MAX_EVALUATIONS, e -> SpinGlassComplexity.theta(k, p, -e), eInf * LOWER_FACTOR, upper);
    }

    /** {@code E_0(p), …, E_K(p)} in one array of length K+1. */
    public static double[] thresholds(int p, int maxK) {
        SpinGlassComplexity.checkP(p);
        if (maxK < 0) {
            throw new IllegalArgumentException("K must be >= 0 (largest index of the thresholds E_k), got " + maxK);
        }
        double[] out = new double[maxK + 1];
        for (int k = 0; k <= maxK; k++) {
            out[k] = threshold(k, p);
        }
        return out;
    }
}
