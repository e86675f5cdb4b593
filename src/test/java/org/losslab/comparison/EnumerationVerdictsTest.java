package org.losslab.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.losslab.comparison.Synthetic.SETTINGS;
import static org.losslab.comparison.Synthetic.find;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.Seeds;
import org.losslab.comparison.Comparison.Verdict;
import org.losslab.theory.CriticalPointEnumerator;
import org.losslab.theory.CriticalPointEnumerator.CriticalPoint;
import org.losslab.theory.KacRiceEstimate;
import org.losslab.theory.KacRiceMonteCarlo;
import org.losslab.theory.SpinGlassComplexity;
import org.losslab.theory.SphericalPSpin;

/**
 * Finding F13 (docs/science.md §E.2, §E.3): each of its three tests on synthetic data that satisfy the claim,
 * contradict it and are too few; then a real enumeration at N = 4 against Kac–Rice, which must not be flagged.
 */
class EnumerationVerdictsTest {

    static List<EnumerationEnergyRow> energies(int n, double slope, double se, int indices) {
        List<EnumerationEnergyRow> rows = new ArrayList<>();
        for (int k = 0; k < indices; k++) {
            rows.add(new EnumerationEnergyRow(n, k, 200, 100, -0.9 + slope * k, se));
        }
        return rows;
    }

    static Comparison slope(List<EnumerationEnergyRow> rows) {
        return find(EnumerationComparisons.energyTrends(rows, "fx", SETTINGS), "energy_index_slope", "N=" + rows.get(0).n());
    }

    @Test
    void energyRisingWithIndexIsConsistentFallingInconsistentFlatOrShortUndetermined() {
        Comparison up = slope(energies(4, 0.6, 0.01, 4));
        assertThat(up.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(up.value()).isEqualTo(0.6, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(up.ciLow()).isPositive();
        assertThat(slope(energies(4, -0.3, 0.01, 4)).verdict()).isEqualTo(Verdict.INCONSISTENT);
        assertThat(slope(energies(4, 0.001, 0.05, 4)).verdict()).isEqualTo(Verdict.UNDETERMINED);
        Comparison two = slope(energies(4, 0.6, 0.01, 2));
        assertThat(two.verdict()).isEqualTo(Verdict.UNDETERMINED);
        assertThat(two.note()).contains("a trend needs 3");
    }

    static EnumerationCountRow count(int k, long samples, double mean, double se, double expected) {
        return new EnumerationCountRow(4, k, samples, mean, se, 0, 0, expected, 0.02, 0, 0);
    }

    @Test
    void countsWithinErrorsAreConsistentOffByTenSeInconsistentFewSamplesUndetermined() {
        List<Comparison> out = EnumerationComparisons.countsAgainstKacRice(List.of(count(0, 300, 3.60, 0.05, 3.58),
                count(1, 300, 5.0, 0.05, 5.5), count(2, 5, 5.0, 0.05, 5.5)), "fx", SETTINGS);
        Comparison agrees = find(out, "count_vs_kac_rice", "N=4, k=0");
        assertThat(agrees.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(agrees.reference()).isEqualTo(3.58);
        assertThat(agrees.test().detectableEffect()).isPositive();
        assertThat(agrees.test().alpha()).isEqualTo(SETTINGS.alpha() / 2, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(find(out, "count_vs_kac_rice", "N=4, k=1").verdict()).isEqualTo(Verdict.INCONSISTENT);
        assertThat(find(out, "count_vs_kac_rice", "N=4, k=2").verdict()).isEqualTo(Verdict.UNDETERMINED);
    }

    /** Rows at N = 4 with {@code minima} minima and {@code others} index-1 points below −E_∞ over 100 samples. */
    static Comparison share(int minima, int others) {
        List<EnumerationCountRow> rows = List.of(
                new EnumerationCountRow(4, 0, 100, 3.6, 0.05, minima / 100.0, 0.01, 3.58, 0.02, 0.13, 0.01),
                new EnumerationCountRow(4, 1, 100, 5.8, 0.05, others / 100.0, 0.01, 5.8, 0.02, 0.001, 0.001));
        return find(EnumerationComparisons.minimaBelowThreshold(rows, "fx", SETTINGS), "share_minima_below_einf", "N=4");
    }

    @Test
    void minimaBelowTheThresholdAlmostOnlyConsistentHalfInconsistentFewOrBorderlineUndetermined() {
        Comparison all = share(100, 0);
        assertThat(all.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(all.value()).isEqualTo(1.0);
        assertThat(all.reference()).isEqualTo(0.13 / 0.131, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(share(50, 50).verdict()).isEqualTo(Verdict.INCONSISTENT);
        assertThat(share(90, 10).verdict()).isEqualTo(Verdict.UNDETERMINED);
        Comparison few = share(5, 0);
        assertThat(few.verdict()).isEqualTo(Verdict.UNDETERMINED);
        assertThat(few.note()).contains("fewer than 10");
    }

    @Test
    void clopperPearsonMatchesItsClosedFormsAtTheEnds() {
        double[] all = EnumerationComparisons.clopperPearson(12, 12, 0.05);
        assertThat(all[0]).isEqualTo(Math.pow(0.025, 1.0 / 12), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(all[1]).isEqualTo(1.0);
        double[] none = EnumerationComparisons.clopperPearson(0, 12, 0.05);
        assertThat(none[1]).isEqualTo(1 - Math.pow(0.025, 1.0 / 12), org.assertj.core.data.Offset.offset(1e-9));
    }

    /** 60 disorder samples at N = 4, enumerated as the stage does, summarized as the views do. */
    @Test
    void aRealEnumerationAtN4AgreesWithKacRiceAndIsLayered() {
        int n = 4;
        int samples = 60;
        double uMax = -SpinGlassComplexity.eInf(3);
        long[][] counts = new long[samples][n];
        long[][] below = new long[samples][n];
        double[][] sums = new double[samples][n];
        for (int s = 0; s < samples; s++) {
            for (CriticalPoint c : new CriticalPointEnumerator(SphericalPSpin.sample(3, n, Seeds.derive(9, "c", s)))
                    .enumerate(200, Seeds.derive(9, "s", s))) {
                counts[s][c.index()]++;
                below[s][c.index()] += c.energy() <= uMax ? 1 : 0;
                sums[s][c.index()] += c.energy();
            }
        }
        KacRiceEstimate all = new KacRiceMonteCarlo(3, n, null, null).estimate(20000, 5);
        KacRiceEstimate low = new KacRiceMonteCarlo(3, n, uMax, null).estimate(20000, 5);
        List<EnumerationCountRow> countRows = new ArrayList<>();
        List<EnumerationEnergyRow> energyRows = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            double[] c = column(counts, k);
            double[] b = column(below, k);
            countRows.add(new EnumerationCountRow(n, k, samples, mean(c), se(c), mean(b), se(b), all.index(k).mean(),
                    all.index(k).se(), low.index(k).mean(), low.index(k).se()));
            double points = 0;
            double total = 0;
            for (int s = 0; s < samples; s++) {
                points += counts[s][k];
                total += sums[s][k];
            }
            double m = total / points;
            double ss = 0;
            for (int s = 0; s < samples; s++) {
                ss += Math.pow(sums[s][k] - m * counts[s][k], 2);
            }
            energyRows.add(new EnumerationEnergyRow(n, k, (long) points, samples, m,
                    Math.sqrt(samples / (samples - 1.0) * ss) / points));
        }
        List<Comparison> out = EnumerationComparisons.compare(countRows, energyRows, "real", SETTINGS);
        assertThat(out.stream().filter(c -> c.statistic().equals("count_vs_kac_rice")))
                .hasSize(n).allMatch(c -> c.verdict() == Verdict.CONSISTENT);
        assertThat(find(out, "energy_index_slope", "N=4").verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(find(out, "share_minima_below_einf", "N=4").verdict()).isNotEqualTo(Verdict.INCONSISTENT);
    }

    static double[] column(long[][] m, int k) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i][k];
        }
        return out;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static double se(double[] x) {
        double m = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / (x.length - 1) / x.length);
    }
}
