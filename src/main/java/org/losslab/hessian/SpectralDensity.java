package org.losslab.hessian;

import java.util.Arrays;

/**
 * A spectral density as a mixture of point masses: per probe the Gauss quadrature nodes and weights
 * of stochastic Lanczos quadrature (weights sum to 1 per probe; the density is their mean over probes),
 * or the exact eigenvalues with weight 1/P each ({@link #exact}).
 *
 * <p>Counting eigenvalues below a threshold is the integral of a step function, which Gauss
 * quadrature does not converge on smoothly; instead each probe's count is bracketed rigorously by the
 * Chebyshev–Markov–Stieltjes inequalities (for nodes θ_j &lt; x ≤ θ_{j+1}, the measure below x lies
 * between Σ_{k&lt;j} τ_k and Σ_{k≤j+1} τ_k), and the probes' spread gives the sampling error.
 *
 * @param nodes   per probe, ascending
 * @param weights per probe, matching {@code nodes}
 * @param exact   the nodes are all eigenvalues (one "probe", no quadrature or sampling error)
 */
public record SpectralDensity(double[][] nodes, double[][] weights, boolean exact) {

    public SpectralDensity(double[][] nodes, double[][] weights) {
        this(nodes, weights, false);
    }

    /** The exact density of these eigenvalues. */
    public static SpectralDensity exact(double[] eigenvalues) {
        double[] v = eigenvalues.clone();
        Arrays.sort(v);
        double[] w = new double[v.length];
        Arrays.fill(w, 1.0 / v.length);
        return new SpectralDensity(new double[][] {v}, new double[][] {w}, true);
    }

    public int probes() {
        return nodes.length;
    }

    /** Fraction of eigenvalues strictly below x. */
    public Fraction fractionBelow(double x) {
        return combine(x, false, Double.NaN);
    }

    /** Fraction of eigenvalues in [lo, hi]. */
    public Fraction fractionWithin(double lo, double hi) {
        return combine(lo, true, hi);
    }

    private Fraction combine(double x, boolean band, double hi) {
        int n = nodes.length;
        double sum = 0;
        double sumSq = 0;
        double lower = 0;
        double upper = 0;
        for (int p = 0; p < n; p++) {
            double[] below = bracket(p, x, false);
            double[] v = below;
            if (band) {
                double[] upTo = bracket(p, hi, true);
                v = new double[] {upTo[0] - below[0], Math.max(0, upTo[1] - below[2]), Math.min(1, upTo[2] - below[1])};
            }
            sum += v[0];
            sumSq += v[0] * v[0];
            lower += v[1];
            upper += v[2];
        }
        double mean = sum / n;
        double se = n < 2 ? 0.0 : Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1)) / n);
        return new Fraction(mean, exact ? mean : lower / n, exact ? mean : upper / n, se);
    }

    /** {point, lower, upper} of probe p's measure of (−∞, x), or of (−∞, x] when inclusive. */
    private double[] bracket(int p, double x, boolean inclusive) {
        double[] t = nodes[p];
        double[] w = weights[p];
        int j = 0;
        double s = 0;
        while (j < t.length && (inclusive ? t[j] <= x : t[j] < x)) {
            s += w[j];
            j++;
        }
        double lo = j > 0 ? s - w[j - 1] : 0.0;
        double hi = j < t.length ? s + w[j] : s;
        return new double[] {s, Math.max(0, lo), Math.min(1, hi)};
    }

    /** The density smoothed by a Gaussian of width sigma, at each grid point (it integrates to 1 over ℝ). */
    public double[] smoothed(double[] grid, double sigma) {
        double[] out = new double[grid.length];
        double norm = 1.0 / (sigma * Math.sqrt(2 * Math.PI) * nodes.length);
        for (int p = 0; p < nodes.length; p++) {
            for (int k = 0; k < nodes[p].length; k++) {
                double t = nodes[p][k];
                double w = weights[p][k] * norm;
                for (int g = 0; g < grid.length; g++) {
                    double u = (grid[g] - t) / sigma;
                    out[g] += w * Math.exp(-0.5 * u * u);
                }
            }
        }
        return out;
    }

    /** Evenly spaced points from 6σ below the smallest node to 6σ above the largest. */
    public double[] grid(int points, double sigma) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] t : nodes) {
            lo = Math.min(lo, t[0]);
            hi = Math.max(hi, t[t.length - 1]);
        }
        lo -= 6 * sigma;
        hi += 6 * sigma;
        double[] g = new double[points];
        for (int i = 0; i < points; i++) {
            g[i] = lo + (hi - lo) * i / (points - 1);
        }
        return g;
    }

    /**
     * An estimated fraction of the eigenvalues with its uncertainty.
     *
     * @param value         mean over probes of the quadrature estimates
     * @param lower         mean over probes of the rigorous lower brackets
     * @param upper         mean over probes of the rigorous upper brackets
     * @param standardError standard error of the probe mean (0 when exact)
     */
    public record Fraction(double value, double lower, double upper, double standardError) {

        /** Half-width of the stated interval: the quadrature bracket plus two standard errors. */
        public double error() {
            return Math.max(value - lower, upper - value) + 2 * standardError;
        }
    }
}
