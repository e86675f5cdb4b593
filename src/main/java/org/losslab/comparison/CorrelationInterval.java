package org.losslab.comparison;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.util.FastMath;

/**
 * Pearson correlation with its interval at level 1 − α by Fisher's z transform:
 * {@code tanh(atanh r ± z_{1−α/2}/√(n−3))} (finding F4). The interval needs n ≥ 4 and |r| < 1; otherwise
 * it is NaN. At α = 0.05 the same formula is in view {@code v_fig_correlation_vs_size}.
 */
public record CorrelationInterval(int n, double r, double low, double high) {

    public static CorrelationInterval of(double[] x, double[] y) {
        return of(x, y, 0.05);
    }

    public static CorrelationInterval of(double[] x, double[] y, double alpha) {
        int n = x.length;
        if (n < 3) {
            return new CorrelationInterval(n, Double.NaN, Double.NaN, Double.NaN);
        }
        double r = new PearsonsCorrelation().correlation(x, y);
        if (n < 4 || !(Math.abs(r) < 1)) {
            return new CorrelationInterval(n, r, Double.NaN, Double.NaN);
        }
        double z = FastMath.atanh(r);
        double half = ComparisonSettings.z(alpha) / Math.sqrt(n - 3.0);
        return new CorrelationInterval(n, r, Math.tanh(z - half), Math.tanh(z + half));
    }

    public boolean contains(double value) {
        return value >= low && value <= high;
    }
}
