package org.losslab.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.losslab.Seeds;

/**
 * Brute-force enumeration of the critical points of one small spherical p-spin sample: the oracle for the
 * Kac–Rice numbers (science.md §B.2 (c), §B.8 item 5, check G15). Damped Newton on the KKT system
 * {@code F(σ,μ) = (∇H − μσ, (σ·σ − N)/2) = 0} with Jacobian {@code [[∇²H − μI, −σ], [σᵀ, 0]]}, from random
 * starts uniform on the sphere; the step is halved until ‖F‖ decreases. Every converged σ also gives the
 * critical point −σ (H(−σ) = (−1)^p H(σ)), which is added too. Points closer than 1e−6·√N are the same point.
 */
public final class CriticalPointEnumerator {

    private static final int MAX_ITERATIONS = 100;
    private static final int MAX_HALVINGS = 40;
    private static final double RESIDUAL_TOLERANCE = 1e-11;

    private final SphericalPSpin model;
    private final int n;

    public CriticalPointEnumerator(SphericalPSpin model) {
        this.model = model;
        this.n = model.n();
    }

    /** Distinct critical points found from {@code starts} Newton runs seeded by {@code Seeds.derive(seed, "newton-start", i)}. */
    public List<CriticalPoint> enumerate(int starts, long seed) {
        if (starts < 1) {
            throw new IllegalArgumentException("starts must be >= 1, got " + starts);
        }
        List<CriticalPoint> found = new ArrayList<>();
        double tolerance = 1e-6 * Math.sqrt(n);
        for (int s = 0; s < starts; s++) {
            double[] sigma = solveFrom(randomPoint(new SplittableRandom(Seeds.derive(seed, "newton-start", s))));
            if (sigma == null) {
                continue;
            }
            addIfNew(found, sigma, tolerance);
            double[] mirrored = new double[n];
            for (int i = 0; i < n; i++) {
                mirrored[i] = -sigma[i];
            }
            addIfNew(found, mirrored, tolerance);
        }
        return found;
    }

    private double[] randomPoint(SplittableRandom rng) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
        }
        double f = Math.sqrt(n / SphericalPSpin.dot(x, x));
        for (int i = 0; i < n; i++) {
            x[i] *= f;
        }
        return x;
    }

    /** Damped Newton from σ0 (μ0 = ∇H·σ0/N); the converged σ, or null when it did not converge. */
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
                SphericalPSpin.Derivatives dt = model.derivatives(java.util.Arrays.copyOf(trial, n));
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
        return java.util.Arrays.copyOf(x, n);
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

    private void addIfNew(List<CriticalPoint> found, double[] sigma, double tolerance) {
        for (CriticalPoint c : found) {
            double dist = 0.0;
            for (int i = 0; i < n; i++) {
                double e = c.sigma()[i] - sigma[i];
                dist += e * e;
            }
            if (Math.sqrt(dist) < tolerance) {
                return;
            }
        }
        SphericalPSpin.Derivatives d = model.derivatives(sigma);
        double mu = SphericalPSpin.dot(d.gradient(), sigma) / n;
        int index = TangentSpace.index(d.hessian(), sigma, mu);
        found.add(new CriticalPoint(sigma, d.value() / n, index));
    }

    /** A critical point σ, its energy density u = H(σ)/N and its index. */
    public record CriticalPoint(double[] sigma, double energy, int index) {
    }
}
