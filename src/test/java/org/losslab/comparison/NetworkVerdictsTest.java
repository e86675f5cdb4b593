package org.losslab.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.losslab.comparison.Synthetic.SETTINGS;
import static org.losslab.comparison.Synthetic.find;
import static org.losslab.comparison.Synthetic.runs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.losslab.comparison.Comparison.Verdict;

/**
 * Findings F2–F4 on synthetic runs (docs/science.md §E.3): data that satisfy the claim give "consistent",
 * data that contradict it "inconsistent", too little data "undetermined". The proof that no verdict passes by
 * construction.
 */
class NetworkVerdictsTest {

    static final Map<String, ReferenceValue> NONE = Map.of();

    /** Three widths of 30 runs whose test-loss sd scales as sd0·(n1/25)^exponent. */
    static List<RunLosses> widths(double exponent, double rho, long seed) {
        List<RunLosses> out = new ArrayList<>();
        int[] w = {25, 100, 400};
        for (int i = 0; i < w.length; i++) {
            out.add(runs(w[i], 30, rho, 0.1 * Math.pow(w[i] / 25.0, exponent), seed + i));
        }
        return out;
    }

    @Test
    void varianceFallingWithWidthIsConsistentForF2AndF3() {
        List<Comparison> rows = NetworkComparisons.compare(widths(-0.5, 0.5, 1), NONE, SETTINGS);
        Comparison f3 = find(rows, "test_loss_variance_loglog_slope", "all sizes");
        assertThat(f3.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(f3.value()).isCloseTo(-1.0, within(0.4));         // variance ∝ n1^-1
        assertThat(f3.ciHigh()).isLessThan(0.0);
        assertThat(f3.ciLow()).isLessThan(f3.value());
        assertThat(f3.test().name()).contains("bootstrap", "B = 2000");
        assertThat(f3.test().alpha()).isEqualTo(0.05);
        assertThat(f3.inputs().groups()).isEqualTo(3);
        assertThat(f3.inputs().minGroup()).isEqualTo(30);
        assertThat(find(rows, "test_loss_iqr_loglog_slope", "all sizes").verdict()).isEqualTo(Verdict.CONSISTENT);
        Comparison v25 = find(rows, "test_loss_variance", "n1=25");
        assertThat(v25.ciLow()).isLessThan(v25.value()).isPositive();
        assertThat(v25.ciHigh()).isGreaterThan(v25.value());
        assertThat(v25.verdict()).isNull();
    }

    @Test
    void varianceRisingWithWidthIsInconsistent() {
        List<Comparison> rows = NetworkComparisons.compare(widths(0.5, 0.5, 2), NONE, SETTINGS);
        assertThat(find(rows, "test_loss_variance_loglog_slope", "all sizes").verdict()).isEqualTo(Verdict.INCONSISTENT);
        assertThat(find(rows, "test_loss_iqr_loglog_slope", "all sizes").verdict()).isEqualTo(Verdict.INCONSISTENT);
    }

    @Test
    void equalSpreadsAtEveryWidthAreUndetermined() {
        // the same 30 losses at every width: the slope is exactly 0 and its interval straddles it
        RunLosses base = runs(25, 30, 0.5, 0.1, 3);
        List<RunLosses> same = List.of(base, new RunLosses(100, base.runKeys(), base.train(), base.test(), "synthetic"),
                new RunLosses(400, base.runKeys(), base.train(), base.test(), "synthetic"));
        Comparison f3 = find(NetworkComparisons.compare(same, NONE, SETTINGS), "test_loss_variance_loglog_slope", "all sizes");
        assertThat(f3.value()).isCloseTo(0.0, within(1e-12));
        assertThat(f3.ciLow()).isNegative();
        assertThat(f3.ciHigh()).isPositive();
        assertThat(f3.verdict()).isEqualTo(Verdict.UNDETERMINED);
    }

    @Test
    void twoWidthsOrFewRunsNeverMakeATrend() {
        // a line through two points always fits: even a steep fall over two widths decides nothing
        List<RunLosses> two = widths(-2, 0.5, 4).subList(0, 2);
        Comparison f3 = find(NetworkComparisons.compare(two, NONE, SETTINGS), "test_loss_variance_loglog_slope", "all sizes");
        assertThat(f3.verdict()).isEqualTo(Verdict.UNDETERMINED);
        assertThat(f3.value()).isNull();
        assertThat(f3.note()).contains("2 size(s)", "a trend needs 3");
        // three widths, one of 8 runs: fewer than 10 runs never make a distributional claim
        List<RunLosses> thin = new ArrayList<>(widths(-2, 0.5, 5));
        thin.set(2, runs(400, 8, 0.5, 0.001, 6));
        List<Comparison> rows = NetworkComparisons.compare(thin, NONE, SETTINGS);
        assertThat(find(rows, "test_loss_variance_loglog_slope", "all sizes").verdict()).isEqualTo(Verdict.UNDETERMINED);
        assertThat(find(rows, "test_loss_variance_loglog_slope", "all sizes").note()).contains("left out: n1=400 (8 values)");
        assertThat(find(rows, "fisher_z_slope", "all sizes").verdict()).isEqualTo(Verdict.UNDETERMINED);
    }

    @Test
    void correlationFallingWithWidthIsConsistentAndRisingInconsistent() {
        int[] w = {25, 100, 400};
        double[] falling = {0.8, 0.6, 0.3};
        List<RunLosses> down = new ArrayList<>();
        List<RunLosses> up = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            down.add(runs(w[i], 200, falling[i], 0.1, 10 + i));
            up.add(runs(w[i], 200, falling[2 - i], 0.1, 20 + i));
        }
        Map<String, ReferenceValue> recalled = Map.of("n1=25", new ReferenceValue("n1=25", 0.7616, "paper", "recalled, unverified"));
        List<Comparison> rows = NetworkComparisons.compare(down, recalled, SETTINGS);
        Comparison trend = find(rows, "fisher_z_slope", "all sizes");
        assertThat(trend.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(trend.ciHigh()).isNegative();
        assertThat(trend.test().pValue()).isLessThan(0.05);
        // the recalled Table 1 value is a side note: shown, never the deciding number
        Comparison r25 = find(rows, "pearson_train_test", "n1=25");
        assertThat(r25.reference()).isEqualTo(0.7616);
        assertThat(r25.verdict()).isNull();
        assertThat(r25.note()).startsWith("side note, not a verdict");
        assertThat(find(NetworkComparisons.compare(up, NONE, SETTINGS), "fisher_z_slope", "all sizes").verdict())
                .isEqualTo(Verdict.INCONSISTENT);
    }

    @Test
    void resultsDoNotDependOnRowOrder() {
        List<RunLosses> a = widths(-0.5, 0.5, 7);
        List<RunLosses> shuffled = new ArrayList<>();
        for (RunLosses r : a) {
            List<Integer> order = new ArrayList<>(Synthetic.range(r.size()));
            Collections.shuffle(order, new java.util.Random(42));
            List<String> keys = order.stream().map(r.runKeys()::get).toList();
            double[] tr = order.stream().mapToDouble(i -> r.train()[i]).toArray();
            double[] te = order.stream().mapToDouble(i -> r.test()[i]).toArray();
            shuffled.add(new RunLosses(r.hiddenWidth(), keys, tr, te, r.source()));
        }
        Collections.reverse(shuffled);
        assertThat(NetworkComparisons.compare(shuffled, NONE, SETTINGS)).isEqualTo(NetworkComparisons.compare(a, NONE, SETTINGS));
    }
}
