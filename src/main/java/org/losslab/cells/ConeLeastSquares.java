package org.losslab.cells;

/**
 * Least squares over a polyhedral cone: minimise ‖A u − y‖² subject to G u ≥ 0, the shape of the
 * in-cell program of science.md §D.4 (its cell constraints are homogeneous). With the Cholesky factor
 * H = AᵀA + δI = L Lᵀ and the unconstrained optimum u₀ = H⁻¹Aᵀy, the objective is
 * ‖A u₀ − y‖² + ‖Lᵀ(u − u₀)‖² (exactly, up to the ridge δ), so in w = Lᵀu the problem is the
 * Euclidean projection of Lᵀu₀ onto the cone {w : (L⁻¹gᵢ)·w ≥ 0}, which {@link ConeProjection}
 * solves exactly by NNLS. Written by hand because ojAlgo's general active-set QP solvers did not finish
 * on a two-class MNIST cell of 25 pixels (209 variables, 2400 constraints): the iterative one was still
 * solving after 4 minutes, the direct one after 75 s, when stopped; this takes about a second (and
 * tens of milliseconds on the 10-component cell). Tested against ojAlgo on small instances.
 *
 * <p>The ridge δ = 1e−12 · max diag(AᵀA) only makes H positive definite when columns of A coincide
 * (two units with the same slopes on every datum); Aᵀy has no component in A's null space, so u₀ does
 * not blow up, and the risk is always recomputed from the returned u.
 */
public final class ConeLeastSquares {

    private static final double RIDGE = 1e-12;

    private ConeLeastSquares() {
    }

    /** The minimiser u (feasible up to rounding). */
    public static double[] solve(double[][] a, double[] y, double[][] g) {
        int dim = a[0].length;
        double[][] h = new double[dim][dim];
        double[] aty = new double[dim];
        for (int i = 0; i < a.length; i++) {
            double[] row = a[i];
            for (int r = 0; r < dim; r++) {
                double v = row[r];
                if (v == 0) {
                    continue;
                }
                aty[r] += v * y[i];
                for (int c = r; c < dim; c++) {
                    h[r][c] += v * row[c];
                }
            }
        }
        double maxDiag = 0;
        for (int r = 0; r < dim; r++) {
            maxDiag = Math.max(maxDiag, h[r][r]);
        }
        for (int r = 0; r < dim; r++) {
            h[r][r] += RIDGE * Math.max(maxDiag, 1e-300);
            for (int c = 0; c < r; c++) {
                h[r][c] = h[c][r];
            }
        }
        double[][] l = cholesky(h);
        double[] u0 = backward(l, forward(l, aty));
        double[] p = new double[dim];
        for (int r = 0; r < dim; r++) {
            for (int k = r; k < dim; k++) {
                p[r] += l[k][r] * u0[k];
            }
        }
        double[][] gt = new double[g.length][];
        for (int i = 0; i < g.length; i++) {
            gt[i] = forward(l, g[i]);
        }
        return backward(l, new ConeProjection(gt).project(p));
    }

    /** Lower-triangular L with H = L Lᵀ. */
    static double[][] cholesky(double[][] h) {
        int n = h.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            double[] li = l[i];
            for (int j = 0; j <= i; j++) {
                double[] lj = l[j];
                double s = h[i][j];
                for (int k = 0; k < j; k++) {
                    s -= li[k] * lj[k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalStateException("in-cell program: AᵀA + δI is not positive definite (pivot " + s + ")");
                    }
                    li[i] = Math.sqrt(s);
                } else {
                    li[j] = s / lj[j];
                }
            }
        }
        return l;
    }

    /** Solves L x = b. */
    static double[] forward(double[][] l, double[] b) {
        int n = b.length;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            double[] li = l[i];
            for (int k = 0; k < i; k++) {
                s -= li[k] * x[k];
            }
            x[i] = s / li[i];
        }
        return x;
    }

    /** Solves Lᵀ x = b. */
    static double[] backward(double[][] l, double[] b) {
        int n = b.length;
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }
}
