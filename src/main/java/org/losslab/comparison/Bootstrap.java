package org.losslab.comparison;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Percentile bootstrap with an explicit seed (docs/science.md §E.3): B resamples with replacement, the
 * statistic of each, and the α/2 and 1 − α/2 quantiles of the finite replicates as the interval. Stratified
 * for statistics of several groups: each group is resampled within itself, so group sizes stay fixed.
 * Callers sort each group by a natural key first, so the result depends on the values, not on row order.
 * If more than α/2 of the replicates are undefined (e.g. a variance of 0 under a logarithm), the interval
 * is NaN: the tail it would cut is not known.
 */
public final class Bootstrap {

    private Bootstrap() {
    }

    /** The statistic on the data, its interval, and the two-sided bootstrap p-value of "statistic = 0". */
    public record Interval(double estimate, double low, double high, double pValue, int resamples) {
    }

    public static Interval of(double[] sample, ToDoubleFunction<double[]> statistic, int resamples, double alpha,
                              long seed) {
        return stratified(List.of(sample), g -> statistic.applyAsDouble(g.get(0)), resamples, alpha, seed);
    }

    public static Interval stratified(List<double[]> groups, ToDoubleFunction<List<double[]>> statistic, int resamples,
                                     double alpha, long seed) {
        double estimate = statistic.applyAsDouble(groups);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] replicates = new double[resamples];
        int finite = 0;
        List<double[]> resampled = new ArrayList<>(groups.size());
        for (double[] g : groups) {
            resampled.add(new double[g.length]);
        }
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < groups.size(); i++) {
                double[] from = groups.get(i);
                double[] to = resampled.get(i);
                for (int j = 0; j < to.length; j++) {
                    to[j] = from[rng.nextInt(from.length)];
                }
            }
            double v = statistic.applyAsDouble(resampled);
            if (Double.isFinite(v)) {
                replicates[finite++] = v;
            }
        }
        if (!Double.isFinite(estimate) || resamples - finite > alpha / 2 * resamples) {
            return new Interval(estimate, Double.NaN, Double.NaN, Double.NaN, resamples);
        }
        double[] r = Arrays.copyOf(replicates, finite);
        Arrays.sort(r);
        Percentile q = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        q.setData(r);
        long atOrAbove = Arrays.stream(r).filter(v -> v >= 0).count();
        long atOrBelow = Arrays.stream(r).filter(v -> v <= 0).count();
        double p = Math.min(1.0, 2.0 * (Math.min(atOrAbove, atOrBelow) + 1) / (finite + 1));
        return new Interval(estimate, q.evaluate(100 * alpha / 2), q.evaluate(100 * (1 - alpha / 2)), p, resamples);
    }
}
