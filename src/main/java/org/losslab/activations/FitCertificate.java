package org.losslab.activations;

/**
 * The certified sup-norm error ε of a piecewise-linear fit ({@link PiecewiseLinearFitter}) on its range: the
 * largest error observed on a fine grid and a bound that holds between the grid points (science.md §C.2).
 */
final class FitCertificate {

    private FitCertificate() {
    }

    /**
     * ε of {@code pl} against {@code target} on [lo, hi], certified on a grid of about {@code gridPoints} points
     * that contains every node: on each grid cell f̂ is linear, so
     * {@code |e| ≤ max(|e(u)|, |e(v)|) + (v−u)²/8 · max|f″|}.
     */
    static FittedActivation certify(PiecewiseLinearFitter.Target target, PiecewiseLinear pl, double[] knots, double lo,
                                    double hi, int gridPoints) {
        int pieces = knots.length + 1;
        double[] nodes = new double[pieces + 1];
        nodes[0] = lo;
        System.arraycopy(knots, 0, nodes, 1, knots.length);
        nodes[pieces] = hi;
        int perPiece = Math.max(2, (gridPoints - 1) / pieces);
        double observed = 0;
        double bound = 0;
        int points = 0;
        double[] slopes = pl.slopes();
        double[] intercepts = pl.intercepts();
        for (int l = 0; l < pieces; l++) {
            double a = nodes[l];
            double b = nodes[l + 1];
            double h = (b - a) / perPiece;
            double remainder = h * h / 8 * target.maxSecondDerivative;
            // evaluate with this piece's own line so a node is not misassigned to the neighbour piece
            double ePrev = Math.abs(target.apply(a) - (slopes[l] * a + intercepts[l]));
            observed = Math.max(observed, ePrev);
            points++;
            for (int i = 1; i <= perPiece; i++) {
                double x = i == perPiece ? b : a + i * h;
                double e = Math.abs(target.apply(x) - (slopes[l] * x + intercepts[l]));
                observed = Math.max(observed, e);
                bound = Math.max(bound, Math.max(ePrev, e) + remainder);
                ePrev = e;
                points++;
            }
        }
        // pad by a few ulps of the function's scale for rounding in f̂ and f
        bound += 1e-14;
        return new FittedActivation(pl, target.label, lo, hi, bound, observed, points);
    }
}
