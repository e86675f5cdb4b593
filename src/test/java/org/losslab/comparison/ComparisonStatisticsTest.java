package org.losslab.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

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
    void weightedSlopeMatchesHandValues() {
        // (0,0), (1,1), (2,3): slope 3/2, intercept −1/6, residuals 1/6, −1/3, 1/6 (SSE 1/6), Σ(x − x̄)² = 2
        double[] x = {0, 1, 2};
        double[] y = {0, 1, 3};
        WeightedSlope unit = WeightedSlope.of(x, y, new double[] {1, 1, 1});
        assertThat(unit.slope()).isCloseTo(1.5, within(1e-12));
        assertThat(unit.intercept()).isCloseTo(-1.0 / 6, within(1e-12));
        assertThat(unit.birgeRatio()).isCloseTo(Math.sqrt(1.0 / 6), within(1e-12));
        assertThat(unit.se()).isCloseTo(Math.sqrt(0.5), within(1e-12));              // errors dominate: 1/√Σw(x−x̄)²
        WeightedSlope tight = WeightedSlope.of(x, y, new double[] {0.1, 0.1, 0.1});
        assertThat(tight.se()).isCloseTo(Math.sqrt((1.0 / 6) / 1 / 2), within(1e-12)); // scatter dominates: √(SSE/(m−2)/Sxx)
        assertThat(WeightedSlope.of(new double[] {0, 1}, new double[] {0, 1}, new double[] {1, 1}).slope()).isNaN();
    }

    @Test
    void bootstrapIsSeededAndMatchesNormalTheoryForAMean() {
        double[] x = Synthetic.normal(2000, 5);
        Bootstrap.Interval a = Bootstrap.of(x, v -> java.util.Arrays.stream(v).average().orElseThrow(), 2000, 0.05, 99);
        assertThat(Bootstrap.of(x, v -> java.util.Arrays.stream(v).average().orElseThrow(), 2000, 0.05, 99)).isEqualTo(a);
        assertThat(Bootstrap.of(x, v -> java.util.Arrays.stream(v).average().orElseThrow(), 2000, 0.05, 100)).isNotEqualTo(a);
        double se = new org.apache.commons.math3.stat.descriptive.DescriptiveStatistics(x).getStandardDeviation() / Math.sqrt(2000);
        assertThat(a.high() - a.low()).isCloseTo(2 * 1.959964 * se, within(0.1 * 2 * 1.959964 * se));
        assertThat(a.low()).isLessThan(a.estimate());
        assertThat(a.high()).isGreaterThan(a.estimate());
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
        assertThat(a.overlapP()).isEqualTo(1.0);
        double[] train = new double[20];
        double[] test = new double[20];
        for (int i = 0; i < 20; i++) {
            train[i] = i;
            test[i] = i == 1 ? 100 : i;   // lowest decile (k = 2): train {0,1}, test {0,2}
        }
        LowestLossAgreement b = LowestLossAgreement.of(train, test);
        assertThat(b.bestTrainTestRank()).isEqualTo(1);
        assertThat(b.decileOverlap()).isEqualTo(0.5);
        assertThat(b.overlapP()).isCloseTo(37.0 / 190, within(1e-12));   // 1 − C(18,2)/C(20,2)
    }

    @Test
    void bandOccupancyCountsBothEndsInside() {
        BandOccupancy b = BandOccupancy.of(new double[] {-1.70, -1.657, -1.64, -1.633, -1.60}, 1.657, 1.633);
        assertThat(b.below()).isEqualTo(1);
        assertThat(b.inside()).isEqualTo(3);
        assertThat(b.above()).isEqualTo(1);
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
}
