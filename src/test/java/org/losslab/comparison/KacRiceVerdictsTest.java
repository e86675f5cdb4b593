package org.losslab.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.losslab.comparison.Synthetic.SETTINGS;
import static org.losslab.comparison.Synthetic.find;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.Seeds;
import org.losslab.comparison.Comparison.Verdict;
import org.losslab.theory.KacRiceEstimate;
import org.losslab.theory.KacRiceMonteCarlo;
import org.losslab.theory.SpinGlassComplexity;

/**
 * Finding F8 (docs/science.md §E.3): synthetic series whose gap to Θ shrinks, grows, or has too few sizes; and
 * the exact ABC identity (θ = 0) by Monte Carlo at N = 4 … 64, which the fixed-k limit must not flag at any k.
 */
class KacRiceVerdictsTest {

    static final double LIMIT = SpinGlassComplexity.theta(0, 3, 0.0);

    /** (1/N) ln E Crt = Θ + c/N^power at each N, relative se 1 %. */
    static List<KacRiceRow> series(double c, double power, int... ns) {
        List<KacRiceRow> rows = new ArrayList<>();
        for (int n : ns) {
            double logMean = n * (LIMIT + c * Math.pow(n, -power));
            rows.add(new KacRiceRow(3, n, 0.0, 0, logMean, 0.01 * Math.exp(logMean), 10000));
        }
        return rows;
    }

    static Comparison trend(List<KacRiceRow> rows) {
        return find(KacRiceComparisons.compare(rows, (k, p) -> SpinGlassComplexity.theta(k, p, 0.0), "fx", SETTINGS),
                "gap_slope", "p=3, k=0, theta=0.0");
    }

    @Test
    void gapShrinkingIsConsistentGrowingInconsistentTwoSizesUndetermined() {
        assertThat(trend(series(1.0, 1, 4, 8, 16)).verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(trend(series(0.01, -1, 4, 8, 16)).verdict()).isEqualTo(Verdict.INCONSISTENT);
        Comparison two = trend(series(1.0, 1, 8, 16));
        assertThat(two.verdict()).isEqualTo(Verdict.UNDETERMINED);
        assertThat(two.note()).contains("a trend needs 3");
    }

    @Test
    void theExactAbcIdentityIsNotFlaggedAtAnyIndex() {
        List<KacRiceRow> rows = new ArrayList<>();
        for (int n : new int[] {4, 8, 16, 32, 64}) {
            KacRiceEstimate e = new KacRiceMonteCarlo(3, n, null, 0.0).estimate(20000, Seeds.derive(7, "kac-rice-test", n));
            for (int k = 0; k < n; k++) {
                rows.add(new KacRiceRow(3, n, 0.0, k, e.index(k).logMean(), e.index(k).se(), e.samples()));
            }
        }
        List<Comparison> out = KacRiceComparisons.compare(rows, (k, p) -> SpinGlassComplexity.theta(k, p, 0.0), "mc", SETTINGS);
        assertThat(out).noneMatch(c -> c.verdict() == Verdict.INCONSISTENT);
        for (int k = 0; k <= 3; k++) {
            Comparison c = find(out, "gap_slope", "p=3, k=" + k + ", theta=0.0");
            assertThat(c.verdict()).as("k = %d: %s", k, c.note()).isEqualTo(Verdict.CONSISTENT);
            assertThat(c.test().alpha()).isEqualTo(0.05 / 4);     // Bonferroni over the 4 judged series
        }
        // k comparable to N is shown, not judged
        Comparison high = find(out, "complexity_at_largest_n", "p=3, k=40, theta=0.0, N=64");
        assertThat(high.verdict()).isNull();
        assertThat(high.note()).contains("not judged");
        assertThat(out.stream().filter(c -> c.statistic().equals("gap_slope")).count()).isEqualTo(4);
    }
}
