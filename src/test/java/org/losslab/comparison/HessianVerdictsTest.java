package org.losslab.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.losslab.comparison.Synthetic.SETTINGS;
import static org.losslab.comparison.Synthetic.find;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.comparison.Comparison.Verdict;

/**
 * Findings F14 and F15 on synthetic networks (docs/science.md §E.3 rule 5): index that rises with loss or falls
 * with width gives "consistent", the opposite "inconsistent", too few critical points or widths "undetermined";
 * non-critical endpoints never decide, and H = 3 networks are judged and labelled apart.
 */
class HessianVerdictsTest {

    /**
     * n networks of a width; index fraction = base + slope·(loss − 0.3) + noise; the first {@code critical}
     * are critical points.
     */
    static List<NetworkHessian> nets(int width, int layers, int n, int critical, double base, double slope,
                                     long seed) {
        double[] losses = Synthetic.normal(n, seed);
        double[] noise = Synthetic.normal(n, seed + 1000);
        List<NetworkHessian> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double loss = 0.3 + 0.05 * losses[i];
            double fraction = Math.max(0, base + slope * (loss - 0.3) + 0.002 * noise[i]);
            out.add(new NetworkHessian(String.format("w%d-h%d/restart-%04d", width, layers, i), width, layers,
                    i < critical, fraction, 0, loss, "exact"));
        }
        return out;
    }

    /** Three widths with index fraction base(n1) = 0.05 + trend·ln(n1/25), 30 networks each, all critical. */
    static List<NetworkHessian> widths(double trend, double lossSlope, int critical, int layers) {
        List<NetworkHessian> out = new ArrayList<>();
        int[] w = {25, 100, 400};
        for (int i = 0; i < w.length; i++) {
            out.addAll(nets(w[i], layers, 30, critical, 0.05 + trend * Math.log(w[i] / 25.0), lossSlope, 7 + i));
        }
        return out;
    }

    @Test
    void indexRisingWithLossAndFallingWithWidthIsConsistent() {
        List<Comparison> rows = HessianComparisons.compare(widths(-0.01, 0.5, 30, 1), SETTINGS);
        Comparison f14 = find(rows, "spearman_loss_index_within_width", "all sizes");
        assertThat(f14.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(f14.value()).isGreaterThan(0.8);
        assertThat(f14.ciLow()).isGreaterThan(0);
        assertThat(f14.expectationSource()).isEqualTo(Findings.Source.RECONSTRUCTION);
        Comparison f15 = find(rows, "index_fraction_slope_ln_n1", "all sizes");
        assertThat(f15.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(f15.value()).isBetween(-0.013, -0.007);
        assertThat(f15.ciHigh()).isLessThan(0);
        assertThat(find(rows, "hessian_critical", "n1=100").value()).isEqualTo(30.0);
    }

    @Test
    void indexFallingWithLossAndRisingWithWidthIsInconsistent() {
        List<Comparison> rows = HessianComparisons.compare(widths(0.01, -0.5, 30, 1), SETTINGS);
        assertThat(find(rows, "spearman_loss_index_within_width", "all sizes").verdict())
                .isEqualTo(Verdict.INCONSISTENT);
        assertThat(find(rows, "index_fraction_slope_ln_n1", "all sizes").verdict()).isEqualTo(Verdict.INCONSISTENT);
    }

    @Test
    void noRelationIsUndetermined() {
        List<Comparison> rows = HessianComparisons.compare(widths(0, 0, 30, 1), SETTINGS);
        assertThat(find(rows, "spearman_loss_index_within_width", "all sizes").verdict())
                .isEqualTo(Verdict.UNDETERMINED);
        assertThat(find(rows, "index_fraction_slope_ln_n1", "all sizes").verdict()).isEqualTo(Verdict.UNDETERMINED);
    }

    @Test
    void nonCriticalEndpointsNeverDecide() {
        List<Comparison> rows = HessianComparisons.compare(widths(-0.01, 0.5, 0, 1), SETTINGS);
        Comparison f14 = find(rows, "spearman_loss_index_within_width", "all sizes");
        assertThat(f14.verdict()).isEqualTo(Verdict.UNDETERMINED);
        assertThat(f14.note()).contains("no width has 10 critical points").contains("n1=25 (0 critical of 30)");
        assertThat(find(rows, "index_fraction_slope_ln_n1", "all sizes").verdict()).isEqualTo(Verdict.UNDETERMINED);
        assertThat(find(rows, "index_fraction_mean", "n1=25").value()).isNull();
        assertThat(find(rows, "negative_fraction_mean_all_endpoints", "n1=25").value()).isPositive();
        List<Comparison> nine = HessianComparisons.compare(widths(-0.01, 0.5, 9, 1), SETTINGS);
        assertThat(find(nine, "index_fraction_slope_ln_n1", "all sizes").verdict()).isEqualTo(Verdict.UNDETERMINED);
    }

    @Test
    void twoWidthsMakeNoTrend() {
        List<NetworkHessian> two = new ArrayList<>(nets(25, 1, 30, 30, 0.05, 0, 1));
        two.addAll(nets(100, 1, 30, 30, 0.01, 0, 2));
        assertThat(find(HessianComparisons.compare(two, SETTINGS), "index_fraction_slope_ln_n1", "all sizes")
                .verdict()).isEqualTo(Verdict.UNDETERMINED);
    }

    @Test
    void h3NetworksAreJudgedAndLabelledApart() {
        List<NetworkHessian> both = new ArrayList<>(widths(-0.01, 0.5, 30, 1));
        both.addAll(widths(0.01, -0.5, 30, 2));
        List<Comparison> rows = HessianComparisons.compare(both, SETTINGS);
        assertThat(find(rows, "index_fraction_slope_ln_n1", "all sizes").verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(find(rows, "index_fraction_slope_ln_n1", "all sizes (H=3)").verdict())
                .isEqualTo(Verdict.INCONSISTENT);
        assertThat(find(rows, "hessian_networks", "n1=25 (H=3)").value()).isEqualTo(30.0);
        assertThat(find(rows, "hessian_networks", "n1=25").value()).isEqualTo(30.0);
    }
}
