package org.losslab.hessian;

/**
 * The k × k tridiagonal matrix T_k = Q_kᵀ A Q_k of a Lanczos run, diagonal α, off-diagonal β[0..k−2],
 * and β[k−1], the norm of the residual that the next step would have normalised. Its eigenvalues are
 * the Ritz values: by Cauchy interlacing the i-th smallest is never below the i-th smallest eigenvalue
 * of A (nor the i-th largest above A's), and each lies within β[k−1]·|s_k| of some eigenvalue of A,
 * s_k being the last component of its eigenvector.
 *
 * @param invariant the Krylov space was found invariant: the Ritz values are exact eigenvalues of A
 */
public record Tridiagonal(double[] alpha, double[] beta, boolean invariant) {

    public int size() {
        return alpha.length;
    }

    /** Ritz values (ascending), their residual bounds, and the squared first components of their vectors. */
    public Ritz ritz() {
        int k = alpha.length;
        double[] d = alpha.clone();
        double[] e = new double[Math.max(1, k - 1)];
        System.arraycopy(beta, 0, e, 0, k - 1);
        double[] z = Blas.tridiagonalEigen(d, e);
        double[] weights = new double[k];
        double[] residuals = new double[k];
        double last = invariant ? 0.0 : beta[k - 1];
        for (int j = 0; j < k; j++) {
            weights[j] = z[j] * z[j];
            residuals[j] = Math.abs(last * z[(k - 1) * k + j]);
        }
        return new Ritz(d, residuals, weights);
    }

    /**
     * @param values    Ritz values, ascending
     * @param residuals ‖A·y − θ·y‖ of each Ritz pair: an eigenvalue of A lies within it
     * @param weights   squared first components: the Gauss quadrature weights of the start vector's
     *                  spectral measure at the nodes {@code values} (they sum to 1)
     */
    public record Ritz(double[] values, double[] residuals, double[] weights) {
    }
}
