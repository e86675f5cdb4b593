package org.losslab.comparison;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Distribution summary of a sample (science.md §A.5.2 "Reported" (i), finding F2): mean, sample sd
 * (divisor n−1), sample variance, quantiles by linear interpolation between order statistics (R type 7,
 * the same as PostgreSQL's {@code percentile_cont}), bias-corrected skewness and excess kurtosis.
 * Undefined entries are NaN (sd needs n ≥ 2, skewness n ≥ 3, kurtosis n ≥ 4).
 */
public record SampleSummary(int n, double mean, double sd, double variance, double min, double q05, double q25,
                            double median, double q75, double q95, double max, double skewness, double kurtosis) {

    public static SampleSummary of(double[] values) {
        DescriptiveStatistics s = new DescriptiveStatistics(values);
        if (values.length == 0) {
            double nan = Double.NaN;
            return new SampleSummary(0, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan);
        }
        Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        p.setData(values);
        boolean spread = values.length > 1;
        return new SampleSummary(values.length, s.getMean(), spread ? s.getStandardDeviation() : Double.NaN,
                spread ? s.getVariance() : Double.NaN, s.getMin(), p.evaluate(5), p.evaluate(25), p.evaluate(50),
                p.evaluate(75), p.evaluate(95), s.getMax(), s.getSkewness(), s.getKurtosis());
    }
}
