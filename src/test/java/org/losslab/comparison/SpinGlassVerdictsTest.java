package org.losslab.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.losslab.comparison.Synthetic.SETTINGS;
import static org.losslab.comparison.Synthetic.find;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.comparison.Comparison.Verdict;
import org.losslab.theory.ComplexityThresholds;
import org.losslab.theory.SpinGlassComplexity;

/**
 * Finding F1 on synthetic descents (docs/science.md §E.3): only converged descents count; the log-log slope of
 * the energy sd against N decides.
 */
class SpinGlassVerdictsTest {

    static final double E0 = ComplexityThresholds.threshold(0, 3);
    static final double E_INF = SpinGlassComplexity.eInf(3);

    /** {@code converged} descents at size n with energy sd {@code sd} about −1.60, then {@code stuck} far above. */
    static EnergySample sample(int n, int converged, double sd, int stuck, long seed) {
        double[] z = Synthetic.normal(converged, seed);
        double[] e = new double[converged + stuck];
        boolean[] ok = new boolean[converged + stuck];
        for (int i = 0; i < converged; i++) {
            e[i] = -1.60 + sd * z[i];
            ok[i] = true;
        }
        for (int i = converged; i < e.length; i++) {
            e[i] = -1.0 - 0.1 * i;     // stopped at the cap, far from any critical point
        }
        return new EnergySample(n, "gd", Synthetic.range(e.length), e, ok, "synthetic");
    }

    static List<Comparison> band(EnergySample... s) {
        return SpinGlassComparisons.band(List.of(s), E0, E_INF, SETTINGS);
    }

    @Test
    void spreadShrinkingWithNIsConsistentAndUnconvergedDescentsAreLeftOut() {
        // at N = 100 five descents stopped at the cap far above: counted in, they would make the sd grow
        List<Comparison> rows = band(sample(25, 20, 0.08, 0, 1), sample(50, 20, 0.04, 0, 2), sample(100, 20, 0.02, 5, 3));
        Comparison trend = find(rows, "energy_sd_loglog_slope", "all N (gd)");
        assertThat(trend.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(trend.value()).isCloseTo(-1.0, within(0.35));
        assertThat(trend.inputs().count()).isEqualTo(60);
        Comparison conv = find(rows, "descents_converged", "N=100 (gd)");
        assertThat(conv.value()).isEqualTo(0.8);
        assertThat(conv.note()).startsWith("5 of 25 stopped at the step cap");
        assertThat(conv.ciLow()).isLessThan(0.8);
        assertThat(find(rows, "energy_sd", "N=100 (gd)").value()).isLessThan(0.04);
        assertThat(find(rows, "fraction_above_band", "N=100 (gd)").inputs().count()).isEqualTo(20);   // converged only
    }

    @Test
    void spreadGrowingWithNIsInconsistent() {
        List<Comparison> rows = band(sample(25, 20, 0.02, 0, 4), sample(50, 20, 0.04, 0, 5), sample(100, 20, 0.08, 0, 6));
        assertThat(find(rows, "energy_sd_loglog_slope", "all N (gd)").verdict()).isEqualTo(Verdict.INCONSISTENT);
    }

    @Test
    void fewConvergedDescentsOrTwoSizesAreUndetermined() {
        // 30 descents at N = 100, but only 8 converged: the size is left out, two sizes remain
        List<Comparison> rows = band(sample(25, 20, 0.08, 0, 7), sample(50, 20, 0.04, 0, 8), sample(100, 8, 0.01, 22, 9));
        Comparison trend = find(rows, "energy_sd_loglog_slope", "all N (gd)");
        assertThat(trend.verdict()).isEqualTo(Verdict.UNDETERMINED);
        assertThat(trend.note()).contains("left out: N=100 (gd) (8 values)");
        assertThat(find(band(sample(25, 20, 0.08, 0, 10), sample(50, 20, 0.01, 0, 11)),
                "energy_sd_loglog_slope", "all N (gd)").verdict()).isEqualTo(Verdict.UNDETERMINED);
    }

    @Test
    void bandFractionsHaveWilsonIntervals() {
        double[] e = new double[20];
        boolean[] ok = new boolean[20];
        List<Integer> restarts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            e[i] = i < 5 ? -1.70 : i < 15 ? -1.64 : -1.50;   // 5 below, 10 inside, 5 above
            ok[i] = true;
            restarts.add(i);
        }
        List<Comparison> rows = band(new EnergySample(50, "gd", restarts, e, ok, "synthetic"));
        Comparison in = find(rows, "fraction_in_band", "N=50 (gd)");
        assertThat(in.value()).isEqualTo(0.5);
        // Wilson: (p + z²/2n ± z√(p(1−p)/n + z²/4n²)) / (1 + z²/n), z = 1.959964, n = 20
        double z = 1.959963984540054;
        double centre = (0.5 + z * z / 40) / (1 + z * z / 20);
        double half = z * Math.sqrt(0.25 / 20 + z * z / 1600) / (1 + z * z / 20);
        assertThat(in.ciLow()).isCloseTo(centre - half, within(1e-9));
        assertThat(in.ciHigh()).isCloseTo(centre + half, within(1e-9));
        assertThat(find(rows, "fraction_below_band", "N=50 (gd)").value()).isEqualTo(0.25);
    }
}
