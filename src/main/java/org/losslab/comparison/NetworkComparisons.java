package org.losslab.comparison;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Comparisons of the Choromanska network experiment (docs/science.md §A.5.2, §E.2 F2–F5, decision rules §E.3),
 * from the final losses of each hidden width:
 * <ul>
 *   <li>F2: per-width test-loss summary (mean, quantiles); the interquartile range per width with bootstrap
 *       intervals and its log-log slope against n1 (the bulk of the distribution concentrates);</li>
 *   <li>F3: the variance per width and its log-log slope (the variance, tails included, decreases);</li>
 *   <li>F4: Pearson r per width and the trend of Fisher z against ln n1 ({@link CorrelationTrend});</li>
 *   <li>F5: the rank correlation within the lowest-train decile ({@link OverfittingComparisons}).</li>
 * </ul>
 */
public final class NetworkComparisons {

    private NetworkComparisons() {
    }

    /** @param recalled recalled F4 correlations by subject ({@code n1=25} …) with their source text */
    public static List<Comparison> compare(List<RunLosses> sizes, Map<String, ReferenceValue> recalled,
                                           ComparisonSettings s) {
        List<RunLosses> byWidth = sizes.stream().map(RunLosses::sortedByRunKey)
                .sorted(Comparator.comparingInt(RunLosses::hiddenWidth)).toList();
        List<Comparison> out = new ArrayList<>();
        List<SpreadTrend.Group> groups = new ArrayList<>();
        for (RunLosses w : byWidth) {
            distribution(out, w.subject(), SampleSummary.of(w.test()), w.inputs());
            groups.add(new SpreadTrend.Group(w.subject(), w.hiddenWidth(), w.test(), w.inputs()));
        }
        out.addAll(SpreadTrend.compare("F2", "test_loss", SpreadTrend.Spread.IQR, "n1", groups, "all sizes", s));
        out.addAll(SpreadTrend.compare("F3", "test_loss", SpreadTrend.Spread.VARIANCE, "n1", groups, "all sizes", s));
        out.addAll(CorrelationTrend.compare(byWidth, recalled, s));
        out.addAll(OverfittingComparisons.compare(byWidth, s));
        return out;
    }

    /**
     * The fewest restarts at the largest width with which F5 can be found consistent at level {@code alpha}: its
     * lowest-train decile must detect a strong association ({@value OverfittingComparisons#STRONG}) with 80 % power.
     */
    public static int restartsForConsistentF5(double alpha) {
        return LowDecileRank.runsToDetect(OverfittingComparisons.STRONG, alpha);
    }

    private static void distribution(List<Comparison> out, String subject, SampleSummary t, ComparisonInputs in) {
        out.add(Comparison.describe("F2", "test_loss_mean", subject, Comparison.finite(t.mean()), in));
        out.add(Comparison.describe("F2", "test_loss_q05", subject, Comparison.finite(t.q05()), in));
        out.add(Comparison.describe("F2", "test_loss_q25", subject, Comparison.finite(t.q25()), in));
        out.add(Comparison.describe("F2", "test_loss_median", subject, Comparison.finite(t.median()), in));
        out.add(Comparison.describe("F2", "test_loss_q75", subject, Comparison.finite(t.q75()), in));
        out.add(Comparison.describe("F2", "test_loss_q95", subject, Comparison.finite(t.q95()), in));
    }
}
