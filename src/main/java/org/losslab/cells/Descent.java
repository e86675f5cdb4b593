package org.losslab.cells;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Gradient descent with Armijo backtracking and step growth, optionally constrained to a cell in
 * one of the two ways of science.md §D.5 item 4: a projection onto the closed cell (projected
 * gradient; the Armijo test is taken along the projection arc) or a predicate that rejects any step
 * leaving the open cell (the step is halved until it stays). Stops when the gradient-mapping norm
 * ‖θ − P(θ − αg)‖/α falls below {@code tolerance}, when the step underflows, or at {@code maxIterations}.
 */
public final class Descent {

    private Descent() {
    }

    /** Final point, its risk, iterations used, steps rejected for leaving the cell, last gradient-mapping norm. */
    public record Result(double[] theta, double risk, int iterations, int rejectedSteps, double gradientMapping,
                         boolean converged) {
    }

    public static Result run(Function<double[], Network.RiskGradient> objective, double[] start,
                             UnaryOperator<double[]> projection, Predicate<double[]> stayInCell,
                             int maxIterations, double tolerance) {
        double[] theta = projection == null ? start.clone() : projection.apply(start);
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
                if (projection != null) {
                    c = projection.apply(c);
                }
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
     * Levenberg–Marquardt on R̂ = ‖r(θ)‖² with the same two cell rules: δ solves (JᵀJ + μI)δ = −Jᵀr,
     * the candidate P(θ + δ) is accepted iff it lowers R̂ (μ ÷ 5) and otherwise μ × 4, so for large μ
     * the step becomes a short (projected) gradient step and progress never stops short of a
     * stationary point. Stops when the gradient mapping ‖θ − P(θ − ∇R̂)‖ &lt; tolerance, when μ &gt; 1e20
     * (no step lowers R̂ any more) or after 20 accepted steps in a row that each lower R̂ by ≤ 1e−13 R̂
     * (stagnation near rounding level).
     */
    public static Result levenbergMarquardt(Function<double[], Network.Residuals> model, double[] start,
                                            UnaryOperator<double[]> projection, Predicate<double[]> stayInCell,
                                            int maxIterations, double tolerance) {
        return levenbergMarquardt(model, start, projection, null, stayInCell, maxIterations, tolerance);
    }

    /**
     * As above, with an active-set refinement for the projected variant: {@code binding} gives the unit
     * normals of the constraints that bind at θ for the gradient, and the step is kept on their face by
     * a stiff penalty (1e8 × the largest curvature) in the normal equations, so that near a boundary
     * optimum the method is Gauss–Newton on the face instead of zig-zagging projected steps.
     */
    public static Result levenbergMarquardt(Function<double[], Network.Residuals> model, double[] start,
                                            UnaryOperator<double[]> projection,
                                            BiFunction<double[], double[], double[][]> binding,
                                            Predicate<double[]> stayInCell, int maxIterations, double tolerance) {
        double[] theta = projection == null ? start.clone() : projection.apply(start);
        Network.Residuals res = model.apply(theta);
        double risk = res.risk();
        double mu = 1e-3;
        int rejected = 0;
        int it = 0;
        double mapping = mapping(theta, res, projection);
        int stagnant = 0;
        double[][] base = null;
        double[] rhs = null;
        while (it < maxIterations && mapping >= tolerance && mu < 1e20 && stagnant < 20) {
            if (base == null) {
                base = normalMatrix(res.jacobian(), 0);
                if (binding != null) {
                    double stiff = 0;
                    for (int k = 0; k < base.length; k++) {
                        stiff = Math.max(stiff, base[k][k]);
                    }
                    stiff = 1e8 * Math.max(stiff, 1e-12);
                    for (double[] nrm : binding.apply(theta, gradient(res))) {
                        for (int r = 0; r < nrm.length; r++) {
                            if (nrm[r] != 0) {
                                for (int c = 0; c < nrm.length; c++) {
                                    base[r][c] += stiff * nrm[r] * nrm[c];
                                }
                            }
                        }
                    }
                }
                rhs = new double[theta.length];
                for (int i = 0; i < res.r().length; i++) {
                    double[] row = res.jacobian()[i];
                    for (int k = 0; k < rhs.length; k++) {
                        rhs[k] -= row[k] * res.r()[i];
                    }
                }
            }
            double[][] jtj = new double[base.length][];
            for (int k = 0; k < base.length; k++) {
                jtj[k] = base[k].clone();
                jtj[k][k] += mu;
            }
            double[] cand = Vectors.axpy(theta, 1, choleskySolve(jtj, rhs));
            if (projection != null) {
                cand = projection.apply(cand);
            }
            if (stayInCell != null && !stayInCell.test(cand)) {
                rejected++;
                mu *= 4;
                continue;
            }
            Network.Residuals rc = model.apply(cand);
            if (rc.risk() < risk) {
                stagnant = risk - rc.risk() <= 1e-13 * risk ? stagnant + 1 : 0;
                theta = cand;
                res = rc;
                risk = rc.risk();
                mu = Math.max(mu / 5, 1e-15);
                it++;
                base = null;
                mapping = mapping(theta, res, projection);
            } else {
                mu *= 4;
            }
        }
        return new Result(theta, risk, it, rejected, mapping, mapping < tolerance);
    }

    private static double[] gradient(Network.Residuals res) {
        double[] g = new double[res.jacobian()[0].length];
        for (int i = 0; i < res.r().length; i++) {
            double[] row = res.jacobian()[i];
            for (int k = 0; k < g.length; k++) {
                g[k] += 2 * row[k] * res.r()[i];
            }
        }
        return g;
    }

    private static double mapping(double[] theta, Network.Residuals res, UnaryOperator<double[]> projection) {
        double[] g = gradient(res);
        if (projection == null) {
            return Vectors.norm(g);
        }
        return Vectors.distance(theta, projection.apply(Vectors.axpy(theta, -1, g)));
    }

    private static double[][] normalMatrix(double[][] jac, double mu) {
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
