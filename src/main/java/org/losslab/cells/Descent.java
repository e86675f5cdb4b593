package org.losslab.cells;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Unconstrained descent, optionally restricted to a cell by the "reject steps that leave it" rule of
 * science.md §D.5 item 4 (a predicate; the step is shortened until it stays). Constrained descent
 * that may walk on the cell's boundary is {@link ActiveSetDescent}. {@link #run} is gradient descent
 * with Armijo backtracking and step growth; it stops when ‖θ_{k+1} − θ_k‖/α falls below
 * {@code tolerance}, when the step underflows, or at {@code maxIterations}.
 */
public final class Descent {

    private Descent() {
    }

    /** Final point, its risk, iterations used, steps rejected for leaving the cell, last gradient-mapping norm. */
    public record Result(double[] theta, double risk, int iterations, int rejectedSteps, double gradientMapping,
                         boolean converged) {
    }

    public static Result run(Function<double[], Network.RiskGradient> objective, double[] start,
                             Predicate<double[]> stayInCell,
                             int maxIterations, double tolerance) {
        double[] theta = start.clone();
        Network.RiskGradient rg = objective.apply(theta);
        double alpha = 1.0;
        int rejected = 0;
        double mapping = Double.POSITIVE_INFINITY;
        int it = 0;
        while (it < maxIterations) {
            double[] cand = null;
            Network.RiskGradient next = null;
            while (alpha > 1e-30) {
                double[] c = Vectors.axpy(theta, -alpha, rg.gradient());
                if (stayInCell != null && !stayInCell.test(c)) {
                    rejected++;
                    alpha /= 2;
                    continue;
                }
                Network.RiskGradient rc = objective.apply(c);
                double predicted = 0;
                for (int k = 0; k < c.length; k++) {
                    predicted += rg.gradient()[k] * (theta[k] - c[k]);
                }
                if (rc.risk() <= rg.risk() - 1e-4 * predicted && rc.risk() <= rg.risk()) {
                    cand = c;
                    next = rc;
                    break;
                }
                alpha /= 2;
            }
            if (cand == null) {
                break;
            }
            it++;
            mapping = Vectors.distance(theta, cand) / alpha;
            theta = cand;
            rg = next;
            if (mapping < tolerance) {
                return new Result(theta, rg.risk(), it, rejected, mapping, true);
            }
            alpha = Math.min(alpha * 2, 1e3);
        }
        return new Result(theta, rg.risk(), it, rejected, mapping, mapping < tolerance);
    }

    /**
     * Levenberg–Marquardt on R̂ = ‖r(θ)‖² with the same cell rule: δ solves (JᵀJ + μI)δ = −Jᵀr, the
     * candidate θ + δ is accepted iff it stays in the cell and lowers R̂ (μ ÷ 5), otherwise μ × 4, so for
     * large μ the step becomes a short gradient step. Stops when ‖∇R̂‖ &lt; tolerance, when μ &gt; 1e20
     * (no step lowers R̂ any more) or after 20 accepted steps in a row that each lower R̂ by ≤ 1e−13 R̂
     * (stagnation near rounding level).
     */
    public static Result levenbergMarquardt(Function<double[], Residuals> model, double[] start,
                                            Predicate<double[]> stayInCell,
                                            int maxIterations, double tolerance) {
        double[] theta = start.clone();
        Residuals res = model.apply(theta);
        double risk = res.risk();
        double mu = 1e-3;
        int rejected = 0;
        int it = 0;
        double mapping = Vectors.norm(gradient(res));
        int stagnant = 0;
        NormalEquations system = null;
        while (it < maxIterations && mapping >= tolerance && mu < 1e20 && stagnant < 20) {
            if (system == null) {
                system = new NormalEquations(res.jacobian(), res.r());
            }
            double[] cand = Vectors.axpy(theta, 1, system.solve(mu));
            if (stayInCell != null && !stayInCell.test(cand)) {
                rejected++;
                mu = NormalEquations.stiffened(mu);
                continue;
            }
            Residuals rc = model.apply(cand);
            if (rc.risk() < risk) {
                stagnant = risk - rc.risk() <= 1e-13 * risk ? stagnant + 1 : 0;
                theta = cand;
                res = rc;
                risk = rc.risk();
                mu = NormalEquations.relaxed(mu);
                it++;
                system = null;
                mapping = Vectors.norm(gradient(res));
            } else {
                mu = NormalEquations.stiffened(mu);
            }
        }
        return new Result(theta, risk, it, rejected, mapping, mapping < tolerance);
    }

    /** ∇‖r‖² = 2Jᵀr. */
    static double[] gradient(Residuals res) {
        double[] g = new double[res.jacobian()[0].length];
        for (int i = 0; i < res.r().length; i++) {
            double[] row = res.jacobian()[i];
            for (int k = 0; k < g.length; k++) {
                g[k] += 2 * row[k] * res.r()[i];
            }
        }
        return g;
    }

    /** JᵀJ + μI. */
    static double[][] normalMatrix(double[][] jac, double mu) {
        int p = jac[0].length;
        double[][] a = new double[p][p];
        for (double[] row : jac) {
            for (int r = 0; r < p; r++) {
                double v = row[r];
                if (v == 0) {
                    continue;
                }
                for (int c = r; c < p; c++) {
                    a[r][c] += v * row[c];
                }
            }
        }
        for (int r = 0; r < p; r++) {
            a[r][r] += mu;
            for (int c = 0; c < r; c++) {
                a[r][c] = a[c][r];
            }
        }
        return a;
    }

    /** Solves A x = b for symmetric positive definite A (in place Cholesky). */
    static double[] choleskySolve(double[][] a, double[] b) {
        int p = b.length;
        double[][] l = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(Math.max(s, 1e-300)) : s / l[j][j];
            }
        }
        double[] y = new double[p];
        for (int i = 0; i < p; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[p];
        for (int i = p - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < p; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }
}
