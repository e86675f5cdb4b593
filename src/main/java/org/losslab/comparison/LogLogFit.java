package org.losslab.comparison;

import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Least-squares fit of {@code ln y = intercept + slope·ln x} (finding F3: variance of the test loss
 * against size on log-log axes). The 95% slope interval uses Student's t with n−2 degrees of freedom
 * and needs at least three points; with two points the line is exact and the interval NaN.
 */
public record LogLogFit(int n, double slope, double intercept, double rSquared, double slopeLow, double slopeHigh) {

    public static LogLogFit of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        SimpleRegression r = new SimpleRegression(true);
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 0 && y[i] > 0 && Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                r.addData(Math.log(x[i]), Math.log(y[i]));
                n++;
            }
        }
        if (n < 2) {
            return new LogLogFit(n, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double half = n >= 3 ? r.getSlopeConfidenceInterval(0.05) : Double.NaN;
        return new LogLogFit(n, r.getSlope(), r.getIntercept(), n >= 3 ? r.getRSquare() : 1.0,
                r.getSlope() - half, r.getSlope() + half);
    }
}
