package org.losslab.comparison;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.losslab.comparison.Comparison.Verdict;

/**
 * "The spread shrinks as the size grows" (findings F1, F2, F3; docs/science.md §E.3): per size, a spread
 * statistic (sd, variance or interquartile range) with its percentile-bootstrap interval; across sizes, the
 * least-squares slope of ln spread on ln size, with a stratified bootstrap interval (runs resampled within
 * each size, so the interval carries the sampling error of every spread). Sizes with fewer than
 * {@value ComparisonSettings#MIN_GROUP_SIZE} values or a spread of 0 are left out of the slope; with fewer than
 * {@value ComparisonSettings#MIN_TREND_POINTS} sizes left the verdict is undetermined (two points always fit a line).
 */
final class SpreadTrend {

    private SpreadTrend() {
    }

    /** The values of one size, sorted by a natural key (run key or restart) by the caller. */
    record Group(String subject, double size, double[] values, ComparisonInputs inputs) {
    }

    /** A spread statistic: column name, words for notes, the function. */
    record Spread(String statistic, String words, ToDoubleFunction<double[]> f) {

        static final Spread SD = new Spread("sd", "sd", x -> x.length < 2 ? Double.NaN
                : new DescriptiveStatistics(x).getStandardDeviation());
        static final Spread VARIANCE = new Spread("variance", "variance", x -> x.length < 2 ? Double.NaN
                : new DescriptiveStatistics(x).getVariance());
        static final Spread IQR = new Spread("iqr", "interquartile range", x -> {
            if (x.length < 2) {
                return Double.NaN;
            }
            Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
            p.setData(x);
            return p.evaluate(75) - p.evaluate(25);
        });
    }

    /**
     * @param prefix    statistic name prefix, e.g. {@code test_loss}
     * @param sizeName  the size in words for notes, e.g. {@code n1}
     */
    static List<Comparison> compare(String finding, String prefix, Spread spread, String sizeName, List<Group> groups,
                                    String trendSubject, ComparisonSettings s) {
        List<Comparison> out = new ArrayList<>();
        List<Group> used = new ArrayList<>();
        List<String> left = new ArrayList<>();
        String stat = prefix + "_" + spread.statistic();
        StatTest perSize = StatTest.of("percentile bootstrap, B = " + s.resamples(), s.alpha());
        for (Group g : groups) {
            Bootstrap.Interval b = Bootstrap.of(g.values(), spread.f(), s.resamples(), s.alpha(),
                    s.seed(finding, stat, g.subject()));
            out.add(Comparison.describe(finding, stat, g.subject(), Comparison.finite(b.estimate()), g.inputs())
                    .withInterval(Comparison.finite(b.low()), Comparison.finite(b.high())).withTest(perSize));
            if (g.values().length < ComparisonSettings.MIN_GROUP_SIZE) {
                left.add(g.subject() + " (" + g.values().length + " values)");
            } else if (!(b.estimate() > 0)) {
                left.add(g.subject() + " (" + spread.words() + " 0)");
            } else {
                used.add(g);
            }
        }
        out.add(trend(finding, stat, spread, sizeName, groups, used, left, trendSubject, s));
        return out;
    }

    private static Comparison trend(String finding, String stat, Spread spread, String sizeName, List<Group> all,
                                    List<Group> used, List<String> left, String subject, ComparisonSettings s) {
        String name = stat + "_loglog_slope";
        StatTest test = StatTest.of("stratified percentile bootstrap of the OLS slope of ln " + spread.words() + " on ln "
                + sizeName + ", B = " + s.resamples(), s.alpha());
        ComparisonInputs in = ComparisonInputs.combine(subject, all.stream().map(Group::inputs).toList());
        String excluded = left.isEmpty() ? "" : "; left out: " + String.join(", ", left);
        Comparison c = Comparison.describe(finding, name, subject, null, in).withTest(test);
        if (used.size() < ComparisonSettings.MIN_TREND_POINTS) {
            return c.withVerdict(Verdict.UNDETERMINED, used.size() + " size(s) with at least "
                    + ComparisonSettings.MIN_GROUP_SIZE + " values: a trend needs " + ComparisonSettings.MIN_TREND_POINTS
                    + excluded);
        }
        double[] lnSize = used.stream().mapToDouble(g -> Math.log(g.size())).toArray();
        Bootstrap.Interval b = Bootstrap.stratified(used.stream().map(Group::values).toList(),
                groups -> slope(lnSize, groups, spread.f()), s.resamples(), s.alpha(), s.seed(finding, name, subject));
        Verdict v = Trend.decreasing(b.low(), b.high());
        return new Comparison(finding, name, subject, Comparison.finite(b.estimate()), Comparison.finite(b.low()),
                Comparison.finite(b.high()), null, null, v, String.format("ln %s = a %+.3g ln %s over %d sizes; %s%s",
                spread.words(), b.estimate(), sizeName, used.size(), Trend.explain(v, s.level()), excluded), in,
                test.withP(b.pValue()));
    }

    /** OLS slope of ln spread(group) on ln size; NaN if a spread is not positive. */
    static double slope(double[] lnSize, List<double[]> groups, ToDoubleFunction<double[]> spread) {
        SimpleRegression r = new SimpleRegression(true);
        for (int i = 0; i < groups.size(); i++) {
            double v = spread.applyAsDouble(groups.get(i));
            if (!(v > 0)) {
                return Double.NaN;
            }
            r.addData(lnSize[i], Math.log(v));
        }
        return r.getSlope();
    }
}
