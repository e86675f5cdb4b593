package org.losslab.theory;

import java.util.SplittableRandom;


/**
 * Samples the GOE in ABC's normalization, {@code M = (A + Aᵀ)/(2√N)} with A i.i.d. N(0,1), so that
 * {@code E M_ij² = 1/(2N)}, {@code E M_ii² = 1/N} and the semicircle lies on [−√2, √2] (science.md §1),
 * optionally plus the rank-one spike {@code θ v vᵀ} of science.md §C.3 (ii) with {@code v = 1/√N},
 * the direction of the all-ones vector through which an activation's deterministic part enters (§C.3 item 4).
 * By orthogonal invariance of the GOE the law of the spectrum does not depend on which unit vector is used.
 *
 * <p>Eigenvalues come from {@link SymmetricEigenvalues} (ojAlgo). Not thread-safe: one instance per thread.
 */
public final class GoeSampler {

    private final int n;
    private final double[][] a;
    private final double[][] m;
    private final SymmetricEigenvalues eigen;

    public GoeSampler(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("N must be >= 1 (matrix size), got " + n);
        }
        this.n = n;
        this.a = new double[n][n];
        this.m = new double[n][n];
        this.eigen = new SymmetricEigenvalues(n);
    }

    public int size() {
        return n;
    }

    /**
     * Draws a fresh GOE matrix (row-major order of the N² Gaussians of A) into an internal buffer and
     * returns it; the array is overwritten by the next call.
     */
    public double[][] sample(SplittableRandom rng) {
        for (double[] row : a) {
            for (int j = 0; j < n; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        double scale = 1.0 / (2.0 * Math.sqrt(n));
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = (a[i][j] + a[j][i]) * scale;
                m[i][j] = v;
                m[j][i] = v;
            }
        }
        return m;
    }

    /** Sorted eigenvalues {@code λ_0 ≤ … ≤ λ_{N−1}} of a fresh sample of {@code M + θ v vᵀ}, v = 1/√N. */
    public double[] sampleEigenvalues(SplittableRandom rng, double theta) {
        return eigenvalues(sample(rng), theta, null);
    }

    /**
     * Sorted eigenvalues of {@code mat + θ v vᵀ}; {@code v == null} means {@code v = (1,…,1)/√N}, otherwise
     * v must be a unit vector. The matrix is not modified; the returned array is reused by the next call.
     */
    public double[] eigenvalues(double[][] mat, double theta, double[] v) {
        return eigen.sorted(mat, theta, v);
    }
}
