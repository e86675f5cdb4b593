package org.losslab.activations;

import java.util.function.DoubleUnaryOperator;

/**
 * Fits L-piece approximations of tanh and sigmoid on a range R (science.md §C.2; R defaults to
 * [−6, 6], a [DEFAULT] of the spec).
 *
 * <p><b>Method.</b> f̂ is the <i>continuous interpolant</i> of f at the nodes
 * {@code lo < t_1 < … < t_{L−1} < hi}; the breakpoints are the interior nodes t. The outer pieces
 * extend linearly beyond R (ε is only claimed on R). The breakpoints minimise the sup-norm error on
 * a coarse grid ("minimax-ish"): they start where the asymptotically optimal knot density
 * {@code ∝ |f″|^{1/2}} puts them (and, as a second start, shifted 30% towards their right
 * neighbours) and are refined by Nelder–Mead (Commons Math, three restarts) on an unconstrained
 * softmax parametrisation of the gaps; the better of the two starts wins. Not a certified minimax:
 * ε is whatever this search reaches. For odd targets (tanh) an even L gains nothing over L − 1
 * (measured: ε = 0.1146 for L = 3 and 4), since one extra knot can only help one side; use odd L. Breakpoints are rounded to float so that DL4J's float
 * comparisons and this class's double comparisons put every float pre-activation in the same piece.
 *
 * <p>ε is then certified on a fine grid that contains every node: on each grid cell f̂ is linear,
 * so {@code |e| ≤ max(|e(u)|, |e(v)|) + (v−u)²/8 · max|f″|}. Deterministic (no randomness).
 */
public final class PiecewiseLinearFitter {

    /** Default range R of §C.2. */
    public static final double DEFAULT_LO = -6;
    public static final double DEFAULT_HI = 6;

    private static final int SEARCH_GRID = 1201;
    /** Points of the certification grid ({@link FitCertificate}). */
    private static final int CERTIFY_GRID = 24001;

    /** A smooth activation with a bound on its second derivative (used to certify ε). */
    public enum Target {
        /** tanh; max |tanh″| = 4/(3√3). */
        TANH("tanh", Math::tanh, 4 / (3 * Math.sqrt(3))),
        /** logistic sigmoid; max |σ″| = √3/18. */
        SIGMOID("sigmoid", x -> 1 / (1 + Math.exp(-x)), Math.sqrt(3) / 18);

        final String label;
        final DoubleUnaryOperator f;
        final double maxSecondDerivative;

        Target(String label, DoubleUnaryOperator f, double maxSecondDerivative) {
            this.label = label;
            this.f = f;
            this.maxSecondDerivative = maxSecondDerivative;
        }

        public double apply(double x) {
            return f.applyAsDouble(x);
        }
    }

    private PiecewiseLinearFitter() {
    }

    /** L-piece fit of tanh on the default range [−6, 6]. */
    public static FittedActivation tanh(int pieces) {
        return fit(Target.TANH, pieces, DEFAULT_LO, DEFAULT_HI);
    }

    /** L-piece fit of the sigmoid on the default range [−6, 6]. */
    public static FittedActivation sigmoid(int pieces) {
        return fit(Target.SIGMOID, pieces, DEFAULT_LO, DEFAULT_HI);
    }

    /** L-piece fit of {@code target} on [lo, hi]; named {@code <target>-pl<L>}. */
    public static FittedActivation fit(Target target, int pieces, double lo, double hi) {
        if (pieces < 1 || pieces > 64) {
            throw new IllegalArgumentException("pieces: must be in 1..64, got " + pieces);
        }
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo < hi)) {
            throw new IllegalArgumentException("range: need finite lo < hi, got [" + lo + ", " + hi + "]");
        }
        double[] search = grid(lo, hi, SEARCH_GRID);
        double[] searchF = new double[search.length];
        for (int i = 0; i < search.length; i++) {
            searchF[i] = target.apply(search[i]);
        }
        double[] knots = initialKnots(target, pieces - 1, lo, hi);
        if (pieces > 2) {
            // two starts: the density-based knots, and the same knots nudged asymmetrically (a symmetric
            // start keeps a useless knot at an inflection point, e.g. tanh at 0 for even L)
            double[] a = KnotSearch.refine(target, knots, lo, hi, search, searchF);
            double[] nudged = knots.clone();
            for (int k = 0; k < nudged.length; k++) {
                double right = k + 1 < nudged.length ? nudged[k + 1] : hi;
                nudged[k] = (float) (nudged[k] + 0.3 * (right - nudged[k]));
            }
            double[] b = KnotSearch.refine(target, nudged, lo, hi, search, searchF);
            knots = maxError(interpolant(target, b, lo, hi), search, searchF)
                    < maxError(interpolant(target, a, lo, hi), search, searchF) ? b : a;
        }
        PiecewiseLinear pl = interpolant(target, knots, lo, hi);
        if (pl == null) {
            throw new IllegalStateException("fit of " + target.label + " produced colliding breakpoints");
        }
        return FitCertificate.certify(target, pl, knots, lo, hi, CERTIFY_GRID);
    }

    /** Knots at equal quantiles of the density |f″|^{1/2} (plus a small floor). */
    static double[] initialKnots(Target target, int count, double lo, double hi) {
        int m = 4001;
        double[] x = grid(lo, hi, m);
        double[] cum = new double[m];
        double h = x[1] - x[0];
        for (int i = 1; i < m; i++) {
            double mid = 0.5 * (x[i] + x[i - 1]);
            double d2 = (target.apply(mid + h) - 2 * target.apply(mid) + target.apply(mid - h)) / (h * h);
            cum[i] = cum[i - 1] + (Math.sqrt(Math.abs(d2)) + 1e-3) * h;
        }
        double[] knots = new double[count];
        int j = 0;
        for (int k = 0; k < count; k++) {
            double q = cum[m - 1] * (k + 1) / (count + 1);
            while (cum[j + 1] < q) {
                j++;
            }
            double t = (q - cum[j]) / (cum[j + 1] - cum[j]);
            knots[k] = (float) (x[j] + t * h);
        }
        return knots;
    }

    /** Continuous interpolant of f at lo, knots…, hi; null if the knots are not strictly inside and increasing. */
    static PiecewiseLinear interpolant(Target target, double[] knots, double lo, double hi) {
        int pieces = knots.length + 1;
        double[] nodes = new double[pieces + 1];
        nodes[0] = lo;
        System.arraycopy(knots, 0, nodes, 1, knots.length);
        nodes[pieces] = hi;
        double[] slopes = new double[pieces];
        double[] intercepts = new double[pieces];
        for (int l = 0; l < pieces; l++) {
            if (!(nodes[l + 1] > nodes[l])) {
                return null;
            }
            double f0 = target.apply(nodes[l]);
            double f1 = target.apply(nodes[l + 1]);
            slopes[l] = (f1 - f0) / (nodes[l + 1] - nodes[l]);
            intercepts[l] = f0 - slopes[l] * nodes[l];
        }
        return new PiecewiseLinear(target.label + "-pl" + pieces, knots, slopes, intercepts);
    }

    static double maxError(PiecewiseLinear pl, double[] x, double[] fx) {
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(fx[i] - pl.value(x[i])));
        }
        return max;
    }

    private static double[] grid(double lo, double hi, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * i / (n - 1);
        }
        return x;
    }
}
