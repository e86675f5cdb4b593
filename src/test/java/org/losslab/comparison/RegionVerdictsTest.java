package org.losslab.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.losslab.comparison.Synthetic.SETTINGS;
import static org.losslab.comparison.Synthetic.find;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.losslab.comparison.Comparison.Verdict;

/**
 * Finding F7 on synthetic region rows (docs/science.md §E.3): per cell, the chi-square intervals of the sd
 * ratios against the margin 2; the expectation is a reconstruction and every row says so.
 */
class RegionVerdictsTest {

    /** Two layers × two pieces of one cell, each with sd ratio {@code ratio} over {@code m} values. */
    static List<RegionCellRow> cell(String state, String inputs, double ratio, long m) {
        List<RegionCellRow> rows = new ArrayList<>();
        double nullSd = 0.03;
        for (String layer : List.of("fc1", "fc2")) {
            for (int piece = 1; piece <= 2; piece++) {
                rows.add(new RegionCellRow("net-" + state + "-" + inputs, "mlp", "relu", state, inputs, layer, piece, "DATA",
                        m, 0.5, ratio * nullSd, nullSd, 0.1));
            }
        }
        // a pooled row mixes layers: never judged, whatever it says
        rows.add(new RegionCellRow("net-" + state + "-" + inputs, "mlp", "relu", state, inputs, "pooled", 2, "DATA", m, 0.5,
                100 * nullSd, nullSd, 0.9));
        return rows;
    }

    static Comparison verdict(List<RegionCellRow> rows, String state, String inputs) {
        return find(RegionComparisons.compare(rows, "synthetic", SETTINGS), "sd_ratio_median",
                "mlp / relu / " + state + " / " + inputs + " / DATA");
    }

    @Test
    void nullNearForRandomGaussianAndFarOtherwiseIsConsistent() {
        Comparison random = verdict(cell("random", "gaussian", 1.05, 512), "random", "gaussian");
        assertThat(random.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(random.value()).isCloseTo(1.05, within(1e-12));
        // m·sd²/null² ~ χ²(m−1): the ratio's upper bound is ratio·√(m/χ²_{0.025}(m−1))
        double upper = 1.05 * Math.sqrt(512 / new ChiSquaredDistribution(511).inverseCumulativeProbability(0.025));
        assertThat(random.ciHigh()).isCloseTo(upper, within(1e-9));
        assertThat(random.expectationSource()).isEqualTo(Findings.Source.RECONSTRUCTION);
        assertThat(random.reference()).isEqualTo(1.0);
        assertThat(verdict(cell("trained", "mnist", 6, 512), "trained", "mnist").verdict()).isEqualTo(Verdict.CONSISTENT);
    }

    @Test
    void theOppositePatternIsInconsistent() {
        assertThat(verdict(cell("random", "gaussian", 6, 512), "random", "gaussian").verdict()).isEqualTo(Verdict.INCONSISTENT);
        assertThat(verdict(cell("trained", "mnist", 1.0, 512), "trained", "mnist").verdict()).isEqualTo(Verdict.INCONSISTENT);
    }

    @Test
    void fewValuesOrARatioNearTheMarginAreUndetermined() {
        // 12 values per row: the interval of a ratio of 1.9 reaches past 2
        Comparison near = verdict(cell("random", "gaussian", 1.9, 12), "random", "gaussian");
        assertThat(near.ciHigh()).isGreaterThan(RegionComparisons.NEAR_NULL_RATIO);
        assertThat(near.verdict()).isEqualTo(Verdict.UNDETERMINED);
        // 8 values per row: fewer than 10 values never make a distributional claim
        Comparison thin = verdict(cell("trained", "mnist", 50, 8), "trained", "mnist");
        assertThat(thin.verdict()).isEqualTo(Verdict.UNDETERMINED);
        assertThat(thin.value()).isNull();
    }
}
