package org.losslab.comparison;

/**
 * Weighted least-squares line {@code y = a + b·x} through points with known standard errors (weights
 * 1/se²), as used by the trend tests of F4 and F8 (docs/science.md §E.3). The slope's standard error is
 * {@code 1/√Σw(x − x̄_w)²}, inflated by the Birge ratio {@code √(χ²/(m − 2))} when the points scatter about
 * the line more than their errors allow (a straight line is then only an approximation, and its slope is
 * known less well than the errors alone say). Needs three points; fewer give NaN.
 */
public record WeightedSlope(int points, double slope, double intercept, double se, double birgeRatio) {

    public static WeightedSlope of(double[] x, double[] y, double[] se) {
        int m = x.length;
        if (m < ComparisonSettings.MIN_TREND_POINTS) {
            return new WeightedSlope(m, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double sw = 0;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < m; i++) {
            double w = 1 / (se[i] * se[i]);
            sw += w;
            sx += w * x[i];
            sy += w * y[i];
        }
        double mx = sx / sw;
        double my = sy / sw;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < m; i++) {
            double w = 1 / (se[i] * se[i]);
            sxx += w * (x[i] - mx) * (x[i] - mx);
            sxy += w * (x[i] - mx) * (y[i] - my);
        }
        double b = sxy / sxx;
        double a = my - b * mx;
        double chi2 = 0;
        for (int i = 0; i < m; i++) {
            double r = (y[i] - a - b * x[i]) / se[i];
            chi2 += r * r;
        }
        double birge = Math.sqrt(chi2 / (m - 2));
        return new WeightedSlope(m, b, a, Math.sqrt(1 / sxx) * Math.max(1, birge), birge);
    }
}
