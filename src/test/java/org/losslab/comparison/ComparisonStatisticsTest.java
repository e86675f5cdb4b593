package org.losslab.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.losslab.comparison.Comparison.Verdict;
import org.losslab.theory.SpinGlassComplexity;

/** Comparison statistics against values computed by hand on small fixtures. */
class ComparisonStatisticsTest {

    @Test
    void sampleSummaryMatchesHandValues() {
        SampleSummary s = SampleSummary.of(new double[] {4, 1, 10, 3, 2});
        assertThat(s.mean()).isEqualTo(4.0);
        assertThat(s.variance()).isCloseTo(12.5, within(1e-12));       // (9+4+1+0+36)/4
        assertThat(s.sd()).isCloseTo(Math.sqrt(12.5), within(1e-12));
        assertThat(s.q05()).isCloseTo(1.2, within(1e-12));             // 1 + 0.2·(2−1)
        assertThat(s.q25()).isCloseTo(2.0, within(1e-12));
        assertThat(s.median()).isCloseTo(3.0, within(1e-12));
        assertThat(s.q75()).isCloseTo(4.0, within(1e-12));
        assertThat(s.q95()).isCloseTo(8.8, within(1e-12));             // 4 + 0.8·(10−4)
    }

    @Test
    void logLogFitMatchesHandValues() {
        // (ln x, ln y) = (0,0), (1,−1), (2,−3): slope −3/2, intercept 1/6, SSE 1/6, R² = 1 − (1/6)/(14/3)
        double e = Math.E;
        LogLogFit f = LogLogFit.of(new double[] {1, e, e * e}, new double[] {1, 1 / e, Math.exp(-3)});
        assertThat(f.slope()).isCloseTo(-1.5, within(1e-12));
        assertThat(f.intercept()).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(f.rSquared()).isCloseTo(1 - (1.0 / 6) / (14.0 / 3), within(1e-12));
        // se = √((1/6)/1 / 2) = 0.288675; t(0.975, 1) = 12.7062047
        double half = 12.706204736174698 * Math.sqrt(1.0 / 12);
        assertThat(f.slopeLow()).isCloseTo(-1.5 - half, within(1e-9));
        assertThat(f.slopeHigh()).isCloseTo(-1.5 + half, within(1e-9));
        assertThat(LogLogFit.of(new double[] {25, 50}, new double[] {2.5, 0.325}).slopeLow()).isNaN();
    }

    @Test
    void fisherIntervalMatchesHandValues() {
        CorrelationInterval c = CorrelationInterval.of(new double[] {1, 2, 3, 4, 5}, new double[] {2, 1, 4, 3, 5});
        assertThat(c.r()).isCloseTo(0.8, within(1e-12));               // Sxy 8, Sxx = Syy = 10
        assertThat(c.low()).isCloseTo(-0.279640042, within(1e-8));     // tanh(atanh 0.8 ∓ 1.959964/√2)
        assertThat(c.high()).isCloseTo(0.986196193, within(1e-8));
        assertThat(CorrelationInterval.of(new double[] {1, 2, 3}, new double[] {1, 3, 2}).low()).isNaN();
    }

    @Test
    void lowestLossAgreementRanksTheBestTrainingRunOnTest() {
        LowestLossAgreement a = LowestLossAgreement.of(new double[] {0.1, 0.2, 0.3, 0.4}, new double[] {0.5, 0.1, 0.3, 0.2});
        assertThat(a.bestTrainTestRank()).isEqualTo(4);
        assertThat(a.bestTrainTestPercentile()).isEqualTo(1.0);
        assertThat(a.decile()).isEqualTo(1);
        assertThat(a.decileOverlap()).isEqualTo(0.0);
        double[] train = new double[20];
        double[] test = new double[20];
        for (int i = 0; i < 20; i++) {
            train[i] = i;
            test[i] = i == 1 ? 100 : i;   // lowest decile (k = 2): train {0,1}, test {0,2}
        }
        LowestLossAgreement b = LowestLossAgreement.of(train, test);
        assertThat(b.bestTrainTestRank()).isEqualTo(1);
        assertThat(b.decileOverlap()).isEqualTo(0.5);
    }

    @Test
    void bandOccupancyCountsBothEndsInside() {
        BandOccupancy b = BandOccupancy.of(new double[] {-1.70, -1.657, -1.64, -1.633, -1.60}, 1.657, 1.633);
        assertThat(b.below()).isEqualTo(0.2);
        assertThat(b.inside()).isEqualTo(0.6);
        assertThat(b.above()).isEqualTo(0.2);
    }

    @Test
    void standardizedShapeRemovesLocationAndScale() {
        assertThat(StandardizedShape.of(new double[] {1, 2, 3, 4}, new double[] {-40, -30, -20, -10}).ksDistance())
                .isEqualTo(0.0);
        // z of {0,0,1}: (−.577, −.577, 1.155); of {0,1,1}: (−1.155, .577, .577): ECDFs differ by 1/3 at most
        assertThat(StandardizedShape.of(new double[] {0, 0, 1}, new double[] {0, 1, 1}).ksDistance())
                .isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void inputChecksumIgnoresOrderButNotValues() {
        String a = ComparisonInputs.of("x", List.of("r1\t1.0", "r2\t2.0")).sha256();
        assertThat(ComparisonInputs.of("x", List.of("r2\t2.0", "r1\t1.0")).sha256()).isEqualTo(a);
        assertThat(ComparisonInputs.of("x", List.of("r2\t2.5", "r1\t1.0")).sha256()).isNotEqualTo(a);
    }

    @Test
    void networkComparisonsGiveVerdictsForF2ToF5() {
        RunLosses small = new RunLosses(25, List.of("a", "b", "c", "d", "e"), new double[] {1, 2, 3, 4, 5},
                new double[] {2, 1, 4, 3, 5}, "fixture");
        RunLosses large = new RunLosses(50, List.of("a", "b", "c", "d", "e"), new double[] {1, 2, 3, 4, 5},
                new double[] {1.0, 0.5, 1.5, 1.0, 2.0}, "fixture");
        Map<String, ReferenceValue> recalled = Map.of("n1=25", new ReferenceValue("n1=25", 0.7616, "paper", "recalled, unverified"));
        List<Comparison> rows = NetworkComparisons.compare(List.of(small, large), recalled);

        Comparison r25 = find(rows, "pearson_train_test", "n1=25");
        assertThat(r25.value()).isCloseTo(0.8, within(1e-12));
        assertThat(r25.reference()).isEqualTo(0.7616);
        assertThat(r25.referenceSource()).contains("recalled, unverified");
        assertThat(r25.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(find(rows, "pearson_train_test", "n1=50").verdict()).isNull();
        assertThat(find(rows, "test_loss_sd_decreasing", "all sizes").verdict()).isEqualTo(Verdict.CONSISTENT);
        Comparison slope = find(rows, "loglog_variance_slope", "all sizes");
        assertThat(slope.value()).isCloseTo(Math.log(0.325 / 2.5) / Math.log(2), within(1e-12));
        assertThat(slope.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(slope.inputs().count()).isEqualTo(10);
        assertThat(find(rows, "test_loss_median", "n1=50").value()).isEqualTo(1.0);
        // r: 0.8 then 0.6934: decreasing
        assertThat(find(rows, "pearson_decreasing", "all sizes").verdict()).isEqualTo(Verdict.CONSISTENT);
        // width 25: the lowest-train run (train 1) has test 2, the 2nd best of 5
        Comparison best = find(rows, "best_train_test_percentile", "n1=25");
        assertThat(best.value()).isEqualTo(0.25);
        assertThat(best.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(best.note()).contains("2nd of 5");
    }

    @Test
    void spinGlassRegionAndKacRiceComparisons() {
        EnergySample n10 = new EnergySample(10, "gd", List.of(0, 1, 2, 3), new double[] {-1.70, -1.65, -1.60, -1.50}, "fx");
        EnergySample n20 = new EnergySample(20, "gd", List.of(0, 1, 2, 3), new double[] {-1.66, -1.65, -1.64, -1.62}, "fx");
        List<Comparison> band = SpinGlassComparisons.band(List.of(n10, n20), 1.657, 1.633);
        assertThat(find(band, "fraction_in_band", "N=20 (gd)").value()).isEqualTo(0.5);
        assertThat(find(band, "fraction_below_band", "N=10 (gd)").value()).isEqualTo(0.25);
        assertThat(find(band, "energy_sd_decreasing", "all N (gd)").verdict()).isEqualTo(Verdict.CONSISTENT);
        RunLosses net = new RunLosses(20, List.of("a", "b", "c", "d"), new double[] {1, 2, 3, 4},
                new double[] {0.66, 0.65, 0.64, 0.62}, "fx");
        // the network sample is the spin-glass one negated: mirror images, KS distance of the mirrored z
        assertThat(find(SpinGlassComparisons.shapes(List.of(net), List.of(n10, n20)), "ks_standardized",
                "n1=20 vs N=20 (gd)").value()).isGreaterThan(0.0);

        List<RegionCellRow> cells = List.of(
                new RegionCellRow("r1", "mlp", "relu", "random", "gaussian", "fc1", 2, "DATA", 100, 0.5, 0.05, 0.05, 0.1),
                new RegionCellRow("r2", "mlp", "relu", "trained", "mnist", "fc1", 2, "DATA", 100, 0.5, 0.3, 0.05, 0.6),
                new RegionCellRow("r3", "mlp", "relu", "trained", "gaussian", "fc1", 2, "DATA", 100, 0.5, 0.06, 0.05, 0.1));
        List<Comparison> regions = RegionComparisons.compare(cells, "fx");
        assertThat(find(regions, "sd_ratio_median", "mlp / relu / random / gaussian / DATA").verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(find(regions, "sd_ratio_median", "mlp / relu / trained / mnist / DATA").value()).isCloseTo(6.0, within(1e-12));
        assertThat(find(regions, "sd_ratio_median", "mlp / relu / trained / mnist / DATA").verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(find(regions, "sd_ratio_median", "mlp / relu / trained / gaussian / DATA").verdict()).isEqualTo(Verdict.INCONSISTENT);

        double limit = SpinGlassComplexity.theta(0, 3, 0.0);
        assertThat(limit).isCloseTo(0.0132403, within(1e-7));          // science.md §E.1 G5
        List<KacRiceRow> kr = List.of(new KacRiceRow(3, 8, 0, 0, 8 * limit + 1.0, 0.1, 1000),
                new KacRiceRow(3, 16, 0, 0, 16 * limit + 1.0, 0.1, 1000));
        Comparison c = KacRiceComparisons.compare(kr, (k, p) -> limit, "fx").get(0);
        assertThat(c.value()).isCloseTo(limit + 1.0 / 16, within(1e-12));
        assertThat(c.verdict()).isEqualTo(Verdict.CONSISTENT);
    }

    private static Comparison find(List<Comparison> rows, String statistic, String subject) {
        return rows.stream().filter(c -> c.statistic().equals(statistic) && c.subject().equals(subject)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + statistic + " / " + subject + " in " + rows));
    }
}
