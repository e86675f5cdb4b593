package org.losslab.comparison;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.util.FastMath;
import org.losslab.comparison.Comparison.Verdict;

/**
 * Finding F4, "the train–test correlation decreases with n1" (docs/science.md §E.3): per width, Pearson r with
 * its Fisher interval, next to the value recalled from the paper's Table 1 (a labelled side note, never the
 * deciding number); across widths, the weighted least-squares slope of Fisher's z = atanh r on ln n1 with
 * weights n − 3 (Var z = 1/(n − 3)), its interval {@code b ± z_{1−α/2}·se} and the p-value of slope 0.
 * Widths with fewer than {@value ComparisonSettings#MIN_GROUP_SIZE} runs are left out; fewer than
 * {@value ComparisonSettings#MIN_TREND_POINTS} widths leave it undetermined.
 */
final class CorrelationTrend {

    private CorrelationTrend() {
    }

    static List<Comparison> compare(List<RunLosses> sizes, Map<String, ReferenceValue> recalled, ComparisonSettings s) {
        List<Comparison> out = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
        List<ComparisonInputs> all = new ArrayList<>();
        List<String> left = new ArrayList<>();
        StatTest fisher = StatTest.of("Pearson r, Fisher z interval", s.alpha());
        for (RunLosses w : sizes) {
            CorrelationInterval r = CorrelationInterval.of(w.train(), w.test(), s.alpha());
            out.add(perWidth(w, r, recalled.get(w.subject()), fisher, s));
            all.add(w.inputs());
            if (w.size() < ComparisonSettings.MIN_GROUP_SIZE || !(Math.abs(r.r()) < 1)) {
                left.add(w.subject() + " (" + w.size() + " runs" + (Double.isNaN(r.r()) ? ", r undefined" : "") + ")");
            } else {
                points.add(new double[] {Math.log(w.hiddenWidth()), FastMath.atanh(r.r()), 1 / Math.sqrt(w.size() - 3.0)});
            }
        }
        out.add(trend(points, all, left, s));
        return out;
    }

    private static Comparison perWidth(RunLosses w, CorrelationInterval r, ReferenceValue recalled, StatTest test,
                                       ComparisonSettings s) {
        Comparison c = Comparison.describe("F4", "pearson_train_test", w.subject(), Comparison.finite(r.r()), w.inputs())
                .withInterval(Comparison.finite(r.low()), Comparison.finite(r.high())).withTest(test);
        if (recalled == null) {
            return c;
        }
        return c.withReference(recalled.value(), recalled.source() + " [" + recalled.status() + "]")
                .withVerdict(null, "side note, not a verdict: the recalled value lies "
                        + (Double.isNaN(r.low()) ? "beside an undefined interval" : r.contains(recalled.value())
                        ? "inside the " + s.level() + " interval" : "outside the " + s.level() + " interval"));
    }

    private static Comparison trend(List<double[]> points, List<ComparisonInputs> all, List<String> left,
                                    ComparisonSettings s) {
        StatTest test = StatTest.of("weighted least-squares slope of Fisher z = atanh r on ln n1 (weights n - 3)",
                s.alpha());
        ComparisonInputs in = ComparisonInputs.combine("all hidden widths", all);
        String excluded = left.isEmpty() ? "" : "; left out: " + String.join(", ", left);
        Comparison c = Comparison.describe("F4", "fisher_z_slope", "all sizes", null, in).withTest(test);
        if (points.size() < ComparisonSettings.MIN_TREND_POINTS) {
            return c.withVerdict(Verdict.UNDETERMINED, points.size() + " width(s) with at least "
                    + ComparisonSettings.MIN_GROUP_SIZE + " runs: a trend needs " + ComparisonSettings.MIN_TREND_POINTS
                    + excluded);
        }
        WeightedSlope f = WeightedSlope.of(points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray(), points.stream().mapToDouble(p -> p[2]).toArray());
        double half = ComparisonSettings.z(s.alpha()) * f.se();
        double p = 2 * new NormalDistribution().cumulativeProbability(-Math.abs(f.slope() / f.se()));
        Verdict v = Trend.decreasing(f.slope() - half, f.slope() + half);
        return c.withTest(test.withP(p)).withInterval(f.slope() - half, f.slope() + half)
                .withVerdict(v, String.format("atanh r = a %+.3g ln n1 over %d widths (Birge ratio %.2f); %s%s",
                        f.slope(), f.points(), f.birgeRatio(), Trend.explain(v, s.level()), excluded))
                .withValue(f.slope());
    }
}
