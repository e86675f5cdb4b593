package org.losslab.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.losslab.comparison.Synthetic.SETTINGS;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.comparison.Comparison.Verdict;

/**
 * Finding F6 on synthetic energies (docs/science.md §E.3 rule 5): the equivalence test of annealing against descent
 * comes out consistent, inconsistent and undetermined, and counts converged outcomes only.
 */
class AnnealingVerdictsTest {

    static final double MARGIN = 0.05;

    /** {@code converged} outcomes about {@code mean} with sd {@code sd}, then {@code stuck} far above. */
    static EnergySample sample(String method, int n, int converged, double mean, double sd, int stuck, long seed) {
        double[] z = Synthetic.normal(converged, seed);
        double[] e = new double[converged + stuck];
        boolean[] ok = new boolean[e.length];
        for (int i = 0; i < converged; i++) {
            e[i] = mean + sd * z[i];
            ok[i] = true;
        }
        for (int i = converged; i < e.length; i++) {
            e[i] = -0.5;
        }
        return new EnergySample(n, method, Synthetic.range(e.length), e, ok, "synthetic");
    }

    static Comparison decide(EnergySample annealing, EnergySample descent) {
        List<Comparison> rows = AnnealingComparisons.compare(List.of(descent, annealing), MARGIN, SETTINGS);
        assertThat(rows).singleElement().satisfies(c -> {
            assertThat(c.finding()).isEqualTo("F6");
            assertThat(c.subject()).isEqualTo("N=50 (annealing − " + descent.method() + ")");
            assertThat(c.test().name()).contains("TOST").contains("90%");
        });
        return rows.get(0);
    }

    @Test
    void sameBandIsConsistent() {
        // 12 stuck annealing outcomes far above would move the mean by 0.4 if they were counted
        Comparison c = decide(sample("annealing", 50, 60, -1.605, 0.03, 12, 1), sample("gd", 50, 60, -1.60, 0.03, 0, 2));
        assertThat(c.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(c.ciLow()).isGreaterThanOrEqualTo(-MARGIN);
        assertThat(c.ciHigh()).isLessThanOrEqualTo(MARGIN);
        assertThat(c.inputs().count()).isEqualTo(120);
    }

    @Test
    void aShiftBeyondTheMarginIsInconsistentEitherWay() {
        Comparison higher = decide(sample("annealing", 50, 40, -1.45, 0.03, 0, 3), sample("sgd", 50, 40, -1.60, 0.03, 0, 4));
        assertThat(higher.verdict()).isEqualTo(Verdict.INCONSISTENT);
        assertThat(higher.ciLow()).isGreaterThan(MARGIN);
        assertThat(higher.note()).contains("higher");
        Comparison lower = decide(sample("annealing", 50, 40, -1.75, 0.03, 0, 5), sample("gd", 50, 40, -1.60, 0.03, 0, 6));
        assertThat(lower.verdict()).isEqualTo(Verdict.INCONSISTENT);
        assertThat(lower.ciHigh()).isLessThan(-MARGIN);
    }

    @Test
    void anIntervalAcrossTheMarginOrSmallGroupsAreUndetermined() {
        Comparison straddles = decide(sample("annealing", 50, 12, -1.55, 0.08, 0, 7),
                sample("gd", 50, 12, -1.60, 0.08, 0, 8));
        assertThat(straddles.verdict()).isEqualTo(Verdict.UNDETERMINED);
        assertThat(straddles.ciLow()).isLessThan(MARGIN);
        assertThat(straddles.ciHigh()).isGreaterThan(MARGIN);
        // 9 converged annealing outcomes (and 5 stuck): too few, however clear the difference
        Comparison few = decide(sample("annealing", 50, 9, -1.20, 0.01, 5, 9), sample("gd", 50, 30, -1.60, 0.01, 0, 10));
        assertThat(few.verdict()).isEqualTo(Verdict.UNDETERMINED);
        assertThat(few.ciLow()).isNull();
        assertThat(few.note()).contains("9 annealing and 30 gd outcomes converged");
    }

    @Test
    void sizesWithoutBothMethodsAreNotCompared() {
        assertThat(AnnealingComparisons.compare(List.of(sample("annealing", 25, 20, -1.6, 0.03, 0, 11),
                sample("gd", 50, 20, -1.6, 0.03, 0, 12)), MARGIN, SETTINGS)).isEmpty();
        assertThat(Findings.of("F6").source()).isEqualTo(Findings.Source.PAPER);
    }

    /** {@code runs} networks of width 25 with test losses about {@code mean} (sd {@code sd}). */
    static RunLosses networks(String trainer, int runs, double mean, double sd, long seed) {
        double[] z = Synthetic.normal(runs, seed);
        double[] test = new double[runs];
        double[] train = new double[runs];
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < runs; i++) {
            test[i] = mean + sd * z[i];
            train[i] = test[i] - 0.02;
            keys.add(String.format("x/mlp-100-25-10/relu/restart-%d/%s", i, trainer));
        }
        return new RunLosses(25, keys, train, test, "synthetic " + trainer);
    }

    static Comparison decideNetworks(RunLosses annealing, RunLosses sgd) {
        List<Comparison> rows = AnnealingComparisons.networks(List.of(annealing), List.of(sgd), "batched", MARGIN,
                SETTINGS);
        assertThat(rows).singleElement().satisfies(c -> {
            assertThat(c.finding()).isEqualTo("F6");
            assertThat(c.statistic()).isEqualTo("mean_test_loss_difference");
            assertThat(c.subject()).isEqualTo("n1=25 (annealing − batched)");
            assertThat(c.test().name()).contains("TOST").contains("90%");
        });
        return rows.get(0);
    }

    @Test
    void networksInTheSameTestLossBandAreConsistent() {
        Comparison c = decideNetworks(networks("annealing", 20, 0.31, 0.02, 21), networks("batched", 20, 0.30, 0.02, 22));
        assertThat(c.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(c.inputs().count()).isEqualTo(40);
    }

    @Test
    void networksWhereAnnealingIsClearlyWorseAreInconsistent() {
        Comparison c = decideNetworks(networks("annealing", 20, 0.80, 0.05, 23), networks("batched", 20, 0.30, 0.02, 24));
        assertThat(c.verdict()).isEqualTo(Verdict.INCONSISTENT);
        assertThat(c.ciLow()).isGreaterThan(MARGIN);
        assertThat(c.note()).contains("higher");
    }

    @Test
    void networksWithFewRunsOrWithoutATwinWidthAreUndeterminedOrNotCompared() {
        Comparison few = decideNetworks(networks("annealing", 4, 0.80, 0.05, 25), networks("batched", 8, 0.30, 0.02, 26));
        assertThat(few.verdict()).isEqualTo(Verdict.UNDETERMINED);
        assertThat(few.ciLow()).isNull();
        assertThat(few.note()).contains("4 annealing and 8 batched outcomes completed");
        RunLosses wider = new RunLosses(100, List.of("k"), new double[] {0.1}, new double[] {0.2}, "synthetic");
        assertThat(AnnealingComparisons.networks(List.of(wider), List.of(networks("batched", 20, 0.3, 0.02, 27)),
                "batched", MARGIN, SETTINGS)).isEmpty();
    }
}
