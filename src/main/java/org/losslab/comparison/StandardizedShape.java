package org.losslab.comparison;

import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Two samples put on one standardized axis, {@code z = (x − mean)/sd}, and compared (findings F1 with
 * F2): the two-sample Kolmogorov–Smirnov distance between the standardized samples (shape only: location
 * and scale are removed), each sample's skewness and excess kurtosis, and their spreads as coefficient of
 * variation {@code sd/|mean|}. Needs two values per sample with sd > 0; otherwise the distance is NaN.
 */
public record StandardizedShape(SampleSummary first, SampleSummary second, double ksDistance) {

    public static StandardizedShape of(double[] a, double[] b) {
        SampleSummary sa = SampleSummary.of(a);
        SampleSummary sb = SampleSummary.of(b);
        if (!(sa.sd() > 0) || !(sb.sd() > 0)) {
            return new StandardizedShape(sa, sb, Double.NaN);
        }
        double d = new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(standardize(a, sa), standardize(b, sb));
        return new StandardizedShape(sa, sb, d);
    }

    public static double[] standardize(double[] x, SampleSummary s) {
        double[] z = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            z[i] = (x[i] - s.mean()) / s.sd();
        }
        return z;
    }

    public static double coefficientOfVariation(SampleSummary s) {
        return s.sd() / Math.abs(s.mean());
    }
}
