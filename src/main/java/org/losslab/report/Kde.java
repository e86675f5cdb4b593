package org.losslab.report;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * Gaussian kernel density estimate with Scott's bandwidth {@code h = sd·n^(−1/5)} (the
 * {@code scipy.stats.gaussian_kde} default, science.md §C.4), evaluated on an even grid from the smallest to
 * the largest value: the curve is not drawn where there are no data (the kernel's tails beyond them would
 * suggest values that were never observed). Null when the sample has fewer than two distinct values.
 */
public record Kde(double[] x, double[] density, double bandwidth) {

    public static Kde of(double[] sample, int points) {
        DescriptiveStatistics s = new DescriptiveStatistics(sample);
        double sd = s.getStandardDeviation();
        if (sample.length < 2 || !(sd > 0) || !Double.isFinite(sd)) {
            return null;
        }
        double h = sd * Math.pow(sample.length, -0.2);
        double lo = s.getMin();
        double hi = s.getMax();
        double[] x = new double[points];
        double[] y = new double[points];
        double norm = 1.0 / (sample.length * h * Math.sqrt(2 * Math.PI));
        for (int i = 0; i < points; i++) {
            x[i] = lo + (hi - lo) * i / (points - 1);
            double sum = 0;
            for (double v : sample) {
                double z = (x[i] - v) / h;
                sum += Math.exp(-0.5 * z * z);
            }
            y[i] = sum * norm;
        }
        return new Kde(x, y, h);
    }

    public double maxDensity() {
        double m = 0;
        for (double d : density) {
            m = Math.max(m, d);
        }
        return m;
    }
}
