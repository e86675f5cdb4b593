package org.losslab.activations;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * The breakpoint search of {@link PiecewiseLinearFitter}: Nelder–Mead (Commons Math) on an unconstrained softmax
 * parametrisation of the gaps between knots, so every candidate keeps its knots ordered and inside the range.
 */
final class KnotSearch {

    private KnotSearch() {
    }

    /**
     * Knots (L−1 of them, strictly inside (lo, hi)) that minimise the sup-norm error of the interpolant on the
     * search grid, from {@code start}: Nelder–Mead, three restarts from the best point so far.
     */
    static double[] refine(PiecewiseLinearFitter.Target target, double[] start, double lo, double hi, double[] search, double[] searchF) {
        int n = start.length; // L−1 knots ↔ L gaps; the last gap's logit is fixed at 0
        double[] u = new double[n];
        double lastGap = hi - start[n - 1];
        double prev = lo;
        for (int k = 0; k < n; k++) {
            u[k] = Math.log((start[k] - prev) / lastGap);
            prev = start[k];
        }
        MultivariateFunction objective = v -> {
            double[] knots = knotsFromLogits(v, lo, hi);
            PiecewiseLinear pl = knots == null ? null : PiecewiseLinearFitter.interpolant(target, knots, lo, hi);
            return pl == null ? Double.MAX_VALUE : PiecewiseLinearFitter.maxError(pl, search, searchF);
        };
        double[] best = u;
        double bestValue = objective.value(u);
        SimplexOptimizer optimizer = new SimplexOptimizer(1e-12, 1e-14);
        for (int restart = 0; restart < 3; restart++) {
            PointValuePair p = optimizer.optimize(new MaxEval(4000 * n), new ObjectiveFunction(objective),
                    GoalType.MINIMIZE, new InitialGuess(best), new NelderMeadSimplex(n, 0.1));
            if (p.getValue() < bestValue) {
                bestValue = p.getValue();
                best = p.getPoint();
            }
        }
        return knotsFromLogits(best, lo, hi);
    }

    private static double[] knotsFromLogits(double[] u, double lo, double hi) {
        double max = 0;
        for (double v : u) {
            max = Math.max(max, v);
        }
        double total = Math.exp(-max); // the fixed last gap
        double[] w = new double[u.length];
        for (int k = 0; k < u.length; k++) {
            w[k] = Math.exp(u[k] - max);
            total += w[k];
        }
        double[] knots = new double[u.length];
        double acc = 0;
        for (int k = 0; k < u.length; k++) {
            acc += w[k];
            knots[k] = (float) (lo + (hi - lo) * acc / total);
            if (!(knots[k] > lo && knots[k] < hi) || (k > 0 && !(knots[k] > knots[k - 1]))) {
                return null;
            }
        }
        return knots;
    }
}
