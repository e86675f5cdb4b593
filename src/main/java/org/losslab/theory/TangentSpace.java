package org.losslab.theory;

/**
 * Restriction of a symmetric N×N matrix to the tangent space {@code σ^⊥} of the sphere, and the index of
 * a critical point (science.md §1, "Index"; §B.8 item 5): {@code Vᵀ(∇²H − μI)V} with V an orthonormal
 * basis of σ^⊥. V is the last N−1 columns of the Householder reflection Q that maps e_0 to ±σ/‖σ‖, so the
 * restriction costs O(N²) on top of the matrix and no basis is stored.
 */
public final class TangentSpace {

    private TangentSpace() {
    }

    /** {@code Vᵀ(a − μI)V}, an (N−1)×(N−1) symmetric matrix; a is read, not modified. */
    public static double[][] restrict(double[][] a, double[] sigma, double mu) {
        int n = sigma.length;
        double norm = 0.0;
        for (double s : sigma) {
            norm += s * s;
        }
        norm = Math.sqrt(norm);
        double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            h[i] = sigma[i] / norm;
        }
        h[0] += h[0] >= 0 ? 1.0 : -1.0; // h = σ̂ ± e_0 without cancellation
        double hh = 0.0;
        for (double x : h) {
            hh += x * x;
        }
        double beta = 2.0 / hh;
        double[] w = new double[n];
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            double acc = 0.0;
            for (int j = 0; j < n; j++) {
                acc += a[i][j] * h[j];
            }
            w[i] = acc;
            s += h[i] * acc;
        }
        double[][] out = new double[n - 1][n - 1];
        for (int i = 1; i < n; i++) {
            for (int j = 1; j < n; j++) {
                double v = a[i][j] - beta * (h[i] * w[j] + w[i] * h[j]) + beta * beta * s * h[i] * h[j];
                out[i - 1][j - 1] = v - (i == j ? mu : 0.0);
            }
        }
        return out;
    }

    /** Number of negative eigenvalues of {@code Vᵀ(a − μI)V}: the index of a critical point σ. */
    public static int index(double[][] a, double[] sigma, double mu) {
        int n = sigma.length;
        return new SymmetricEigenvalues(n - 1).negativeCount(restrict(a, sigma, mu));
    }
}
