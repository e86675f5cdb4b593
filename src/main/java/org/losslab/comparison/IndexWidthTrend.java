package org.losslab.comparison;

import java.util.List;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.losslab.comparison.Comparison.Verdict;

/**
 * Finding F15, "the index fraction at the end of training decreases with width" (docs/science.md §A.6): the
 * OLS slope of the mean index fraction of the critical points on ln n1, with a stratified percentile bootstrap
 * interval (critical networks resampled within each width), decided by the rule of every "decreases with
 * size" claim ({@link Trend}). Widths with fewer than {@value ComparisonSettings#MIN_GROUP_SIZE} critical points
 * are left out; fewer than {@value ComparisonSettings#MIN_TREND_POINTS} widths left make it undetermined.
 */
final class IndexWidthTrend {

    private IndexWidthTrend() {
    }

    static Comparison compare(List<HessianComparisons.Width> widths, String subject, ComparisonSettings s) {
        String stat = "index_fraction_slope_ln_n1";
        StatTest test = StatTest.of("stratified percentile bootstrap of the OLS slope of the mean index fraction of "
                + "critical points on ln n1, B = " + s.resamples(), s.alpha());
        HessianComparisons.Selection sel = HessianComparisons.Selection.of(widths, subject);
        List<HessianComparisons.Width> used = sel.used();
        ComparisonInputs in = sel.inputs();
        String excluded = sel.excluded();
        Comparison c = Comparison.describe("F15", stat, subject, null, in).withTest(test);
        if (used.size() < ComparisonSettings.MIN_TREND_POINTS) {
            return c.withVerdict(Verdict.UNDETERMINED, used.size() + " width(s) with at least "
                    + ComparisonSettings.MIN_GROUP_SIZE + " critical points: a trend needs "
                    + ComparisonSettings.MIN_TREND_POINTS + excluded);
        }
        double[] lnWidth = used.stream().mapToDouble(w -> Math.log(w.width())).toArray();
        List<double[]> groups = used.stream().map(w -> w.critical().stream()
                .mapToDouble(NetworkHessian::negativeFraction).toArray()).toList();
        Bootstrap.Interval b = Bootstrap.stratified(groups, g -> slope(lnWidth, g), s.resamples(), s.alpha(),
                s.seed("F15", stat, subject));
        Verdict v = Trend.decreasing(b.low(), b.high());
        return c.withValue(b.estimate()).withInterval(Comparison.finite(b.low()), Comparison.finite(b.high()))
                .withTest(test.withP(b.pValue()))
                .withVerdict(v, String.format("index fraction = a %+.3g ln n1 over %d widths; %s%s", b.estimate(),
                        used.size(), Trend.explain(v, s.level()), excluded));
    }

    static double slope(double[] lnWidth, List<double[]> groups) {
        SimpleRegression r = new SimpleRegression(true);
        for (int i = 0; i < groups.size(); i++) {
            double sum = 0;
            for (double v : groups.get(i)) {
                sum += v;
            }
            r.addData(lnWidth[i], sum / groups.get(i).length);
        }
        return r.getSlope();
    }
}
