package org.losslab.comparison;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.losslab.comparison.Comparison.Verdict;

/**
 * Comparisons of the Choromanska network experiment (science.md §A.5.2, §E.2 F2–F5), from the final
 * losses of each hidden width (sorted by width):
 * <ul>
 *   <li>F2: per-size test-loss distribution (mean, sd, quantiles); sd decreasing with size;</li>
 *   <li>F3: log-log fit of the test-loss variance against size (slope < 0 expected);</li>
 *   <li>F4: train–test Pearson r per size with its 95% Fisher interval, next to the values recalled
 *       from the paper (from {@code reference_value}); r decreasing with size;</li>
 *   <li>F5: whether the lowest training losses give the lowest test losses.</li>
 * </ul>
 */
public final class NetworkComparisons {

    private NetworkComparisons() {
    }

    /** @param recalled recalled F4 correlations by subject ({@code n1=25} …) with their source text */
    public static List<Comparison> compare(List<RunLosses> sizes, Map<String, ReferenceValue> recalled) {
        List<Comparison> out = new ArrayList<>();
        List<ComparisonInputs> all = new ArrayList<>();
        double[] widths = new double[sizes.size()];
        double[] variances = new double[sizes.size()];
        double[] sds = new double[sizes.size()];
        double[] rs = new double[sizes.size()];
        for (int i = 0; i < sizes.size(); i++) {
            RunLosses s = sizes.get(i);
            ComparisonInputs in = s.inputs();
            all.add(in);
            SampleSummary t = SampleSummary.of(s.test());
            widths[i] = s.hiddenWidth();
            variances[i] = t.variance();
            sds[i] = t.sd();
            distribution(out, s.subject(), t, in);
            CorrelationInterval r = CorrelationInterval.of(s.train(), s.test());
            rs[i] = r.r();
            out.add(correlation(s.subject(), r, recalled.get(s.subject()), in));
            if (s.size() > 0) {
                out.addAll(lowestLosses(s, in));
            }
        }
        ComparisonInputs allSizes = ComparisonInputs.combine("all hidden widths", all);
        out.add(decreasing("F2", "test_loss_sd_decreasing", sds, "test-loss sd", allSizes));
        out.add(varianceFit(widths, variances, allSizes));
        out.add(decreasing("F4", "pearson_decreasing", rs, "train-test Pearson r", allSizes));
        return out;
    }

    private static void distribution(List<Comparison> out, String subject, SampleSummary t, ComparisonInputs in) {
        out.add(Comparison.describe("F2", "test_loss_mean", subject, Comparison.finite(t.mean()), in));
        out.add(Comparison.describe("F2", "test_loss_sd", subject, Comparison.finite(t.sd()), in));
        out.add(Comparison.describe("F2", "test_loss_q05", subject, Comparison.finite(t.q05()), in));
        out.add(Comparison.describe("F2", "test_loss_q25", subject, Comparison.finite(t.q25()), in));
        out.add(Comparison.describe("F2", "test_loss_median", subject, Comparison.finite(t.median()), in));
        out.add(Comparison.describe("F2", "test_loss_q75", subject, Comparison.finite(t.q75()), in));
        out.add(Comparison.describe("F2", "test_loss_q95", subject, Comparison.finite(t.q95()), in));
        out.add(Comparison.describe("F3", "test_loss_variance", subject, Comparison.finite(t.variance()), in));
    }

    private static Comparison correlation(String subject, CorrelationInterval r, ReferenceValue recalled,
                                          ComparisonInputs in) {
        Comparison c = Comparison.describe("F4", "pearson_train_test", subject, Comparison.finite(r.r()), in)
                .withInterval(Comparison.finite(r.low()), Comparison.finite(r.high()));
        if (recalled == null) {
            return c;
        }
        c = c.withReference(recalled.value(), recalled.source() + " [" + recalled.status() + "]");
        if (Double.isNaN(r.low())) {
            return c.withVerdict(Verdict.UNDETERMINED, "no 95% interval with n = " + r.n());
        }
        return c.withVerdict(Verdict.of(r.contains(recalled.value())),
                "recalled value " + (r.contains(recalled.value()) ? "inside" : "outside") + " the 95% interval");
    }

    private static List<Comparison> lowestLosses(RunLosses s, ComparisonInputs in) {
        LowestLossAgreement a = LowestLossAgreement.of(s.train(), s.test());
        String rank = "the lowest-train-loss run is " + ordinal(a.bestTrainTestRank()) + " of " + a.n() + " on test loss";
        Comparison best = Comparison.describe("F5", "best_train_test_percentile", s.subject(),
                a.bestTrainTestPercentile(), in);
        best = a.n() < 2 ? best.withVerdict(Verdict.UNDETERMINED, "a single run")
                : best.withVerdict(Verdict.of(a.bestTrainTestRank() > 1), rank);
        Comparison overlap = Comparison.describe("F5", "lowest_decile_overlap", s.subject(), a.decileOverlap(), in)
                .withReference((double) a.decile() / a.n(), "expected overlap if train and test ranks were unrelated")
                .withVerdict(null, a.decile() + " lowest by train vs " + a.decile() + " lowest by test");
        return List.of(best, overlap);
    }

    private static Comparison varianceFit(double[] widths, double[] variances, ComparisonInputs in) {
        LogLogFit f = LogLogFit.of(widths, variances);
        Comparison c = Comparison.describe("F3", "loglog_variance_slope", "all sizes", Comparison.finite(f.slope()), in)
                .withInterval(Comparison.finite(f.slopeLow()), Comparison.finite(f.slopeHigh()));
        if (f.n() < 2) {
            return c.withVerdict(Verdict.UNDETERMINED, "fewer than two sizes with a variance");
        }
        String fit = String.format("ln var = %.4g %+.4g ln n1, R^2 = %.3f over %d sizes", f.intercept(), f.slope(),
                f.rSquared(), f.n());
        if (!Double.isNaN(f.slopeHigh())) {
            return c.withVerdict(f.slopeHigh() < 0 ? Verdict.CONSISTENT : f.slopeLow() > 0 ? Verdict.INCONSISTENT
                    : Verdict.UNDETERMINED, fit + "; 95% slope interval " + (f.slopeHigh() < 0 ? "below 0"
                    : "includes or exceeds 0"));
        }
        return c.withVerdict(Verdict.of(f.slope() < 0), fit + " (two sizes: no interval)");
    }

    /** Whether a per-size statistic strictly decreases with size (NaN entries are skipped). */
    private static Comparison decreasing(String finding, String statistic, double[] v, String what,
                                         ComparisonInputs in) {
        List<Double> finite = new ArrayList<>();
        for (double x : v) {
            if (Double.isFinite(x)) {
                finite.add(x);
            }
        }
        int violations = 0;
        for (int i = 1; i < finite.size(); i++) {
            if (!(finite.get(i) < finite.get(i - 1))) {
                violations++;
            }
        }
        Comparison c = Comparison.describe(finding, statistic, "all sizes", (double) violations, in);
        if (finite.size() < 2) {
            return c.withVerdict(Verdict.UNDETERMINED, "fewer than two sizes with a " + what);
        }
        return c.withVerdict(Verdict.of(violations == 0), violations == 0 ? what + " strictly decreases with size"
                : what + " fails to decrease at " + violations + " of " + (finite.size() - 1) + " steps in size");
    }

    static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
