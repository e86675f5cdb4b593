package org.losslab.theory;

import java.util.Arrays;

/**
 * Damped Newton on the KKT system of a critical point of H on the sphere ‖σ‖² = N (science.md §B.8 item 5):
 * {@code F(σ,μ) = (∇H − μσ, (σ·σ − N)/2) = 0} with Jacobian {@code [[∇²H − μI, −σ], [σᵀ, 0]]}, from
 * {@code μ0 = ∇H(σ0)·σ0/N}; the step is halved until ‖F‖ decreases, and the run stops when
 * ‖F‖ ≤ 1e−11·N, when no halving helps, or after 100 iterations.
 */
final class KktNewton {

    private static final int MAX_ITERATIONS = 100;
    private static final int MAX_HALVINGS = 40;
    private static final double RESIDUAL_TOLERANCE = 1e-11;

    private final SphericalPSpin model;
    private final int n;

    KktNewton(SphericalPSpin model) {
        this.model = model;
        this.n = model.n();
    }

    /** The converged σ, or null when Newton did not converge. */
    double[] solveFrom(double[] sigma0) {
        double[] x = new double[n + 1];
        System.arraycopy(sigma0, 0, x, 0, n);
        SphericalPSpin.Derivatives d = model.derivatives(sigma0);
        x[n] = SphericalPSpin.dot(d.gradient(), sigma0) / n;
        double[] f = residual(x, d);
        double norm = norm(f);
        double[][] jac = new double[n + 1][n + 1];
        double[] trial = new double[n + 1];
        for (int it = 0; it < MAX_ITERATIONS && norm > RESIDUAL_TOLERANCE * n; it++) {
            jacobian(x, d, jac);
            double[] step = DenseSolve.solve(jac, f);
            if (step == null) {
                return null;
            }
            double alpha = 1.0;
            boolean improved = false;
            for (int h = 0; h < MAX_HALVINGS; h++, alpha *= 0.5) {
                for (int i = 0; i <= n; i++) {
                    trial[i] = x[i] - alpha * step[i];
                }
                SphericalPSpin.Derivatives dt = model.derivatives(Arrays.copyOf(trial, n));
                double[] ft = residual(trial, dt);
                double nt = norm(ft);
                if (nt < norm) {
                    System.arraycopy(trial, 0, x, 0, n + 1);
                    d = dt;
                    f = ft;
                    norm = nt;
                    improved = true;
                    break;
                }
            }
            if (!improved) {
                break;
            }
        }
        if (!(norm <= RESIDUAL_TOLERANCE * n)) {
            return null;
        }
        return Arrays.copyOf(x, n);
    }

    private double[] residual(double[] x, SphericalPSpin.Derivatives d) {
        double[] f = new double[n + 1];
        double ss = 0.0;
        for (int i = 0; i < n; i++) {
            f[i] = d.gradient()[i] - x[n] * x[i];
            ss += x[i] * x[i];
        }
        f[n] = 0.5 * (ss - n);
        return f;
    }

    private void jacobian(double[] x, SphericalPSpin.Derivatives d, double[][] jac) {
        double[][] hess = d.hessian();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                jac[i][j] = hess[i][j] - (i == j ? x[n] : 0.0);
            }
            jac[i][n] = -x[i];
            jac[n][i] = x[i];
        }
        jac[n][n] = 0.0;
    }

    private static double norm(double[] v) {
        return Math.sqrt(SphericalPSpin.dot(v, v));
    }
}
