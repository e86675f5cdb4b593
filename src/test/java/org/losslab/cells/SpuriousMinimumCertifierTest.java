package org.losslab.cells;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpuriousMinimumCertifierTest {

    private static final SpuriousMinimumCertifier.Options QUICK = new SpuriousMinimumCertifier.Options(2000, 1e-4, 1e-2, 5);

    /** y = x² on x = −1, 0, 1: R̂_lin* = 2/9, and bending the output on one end point gives 2/9 − 1/27. */
    @Test
    void threePointConstructionMatchesHandComputation() {
        Network net = new Network(new int[] {1, 3, 1}, TwoPieceActivation.LEAKY_RELU, Loss.SQUARED);
        LinearCellConstruction c = LinearCellConstruction.build(net, Datasets.threePointParabola(), 2.0, new double[] {1});
        assertThat(c.affineFit().risk()).isCloseTo(2.0 / 9, within(1e-15));
        assertThat(c.affineFit().weights()[0][0]).isCloseTo(0, within(1e-15));
        assertThat(c.theta()).containsExactly(new double[] {0, 0, 0, 2, 2, 2, 1, 0, 0, -4.0 / 3}, within(1e-14));
        CertificateResult r = SpuriousMinimumCertifier.certify("parabola", c, QUICK);
        System.out.println(r);
        assertThat(r.passed()).isTrue();
        assertThat(r.measurement("stage2_risk")).isCloseTo(2.0 / 9 - 1.0 / 27, within(1e-14));
        assertThat(r.measurement("stage2_gap")).isCloseTo(1.0 / 27, within(1e-14));
        assertThat(r.measurement("stage2_predicted_gap")).isCloseTo(1.0 / 27, within(1e-14));
    }

    @Test
    void reluOneTwoOneNetNeedsOnlyOneSpareUnit() {
        Network net = new Network(new int[] {1, 2, 1}, TwoPieceActivation.RELU, Loss.SQUARED);
        LinearCellConstruction c = LinearCellConstruction.build(net, Datasets.threePointParabola(), 1.5, new double[] {1});
        CertificateResult r = SpuriousMinimumCertifier.certify("parabola-relu", c, QUICK);
        assertThat(r.passed()).as(r.toString()).isTrue();
        assertThat(r.measurement("stage2_gap")).isCloseTo(1.0 / 27, within(1e-14));
    }

    @Test
    void defaultTwoHiddenLayerConstructionIsCertified() {
        Dataset d = Datasets.nonlinearRegression2d(1, 100);
        Network net = new Network(new int[] {2, 8, 8, 1}, TwoPieceActivation.LEAKY_RELU, Loss.SQUARED);
        LinearCellConstruction c = LinearCellConstruction.build(net, d, 2.0, new double[] {1.0, 1.0});
        CertificateResult r = SpuriousMinimumCertifier.certify("regression", c, QUICK);
        System.out.println(r);
        assertThat(r.passed()).as(r.toString()).isTrue();
        assertThat(r.measurement("stage2_gap")).isCloseTo(r.measurement("stage2_predicted_gap"), within(1e-12));
        assertThat(r.measurement("min_preactivation")).isCloseTo(2.0, within(1e-12));
    }

    /** A point whose end-to-end map is not the affine optimum is not a minimum and must be rejected. */
    @Test
    void brokenConstructionIsRejected() {
        Dataset d = Datasets.nonlinearRegression2d(1, 100);
        Network net = new Network(new int[] {2, 8, 8, 1}, TwoPieceActivation.LEAKY_RELU, Loss.SQUARED);
        LinearCellConstruction c = LinearCellConstruction.build(net, d, 2.0, new double[] {1.0, 1.0});
        double[] broken = c.theta().clone();
        broken[net.biasIndex(2, 0)] += 1e-3;
        CertificateResult r = SpuriousMinimumCertifier.certify("broken-bias", c.withTheta(broken), QUICK);
        assertThat(r.passed()).isFalse();
        assertThat(r.check("b_gradient_norm").pass()).isFalse();
        assertThat(r.check("b_risk_equals_affine").pass()).isFalse();
        assertThat(r.check("c_max_risk_decrease_in_cell").pass()).isFalse();
        assertThat(r.check("a_min_preactivation").pass()).as("still in the cell").isTrue();

        double[] tilted = c.theta().clone();
        tilted[net.weightIndex(0, 0, 1)] += 1e-4;
        CertificateResult t = SpuriousMinimumCertifier.certify("broken-weight", c.withTheta(tilted), QUICK);
        assertThat(t.passed()).isFalse();
        assertThat(t.check("b_gradient_norm").pass()).isFalse();
        assertThat(t.check("c_max_risk_decrease_in_cell").pass()).isFalse();
    }

    /** A critical point that is not the affine optimum (all weights 0, b_L = mean y) fails on the risk criterion. */
    @Test
    void zeroWeightCriticalPointIsRejectedOnRisk() {
        Dataset d = Datasets.nonlinearRegression2d(1, 100);
        Network net = new Network(new int[] {2, 8, 8, 1}, TwoPieceActivation.LEAKY_RELU, Loss.SQUARED);
        LinearCellConstruction c = LinearCellConstruction.build(net, d, 2.0, new double[] {1.0, 1.0});
        double[] z = new double[net.parameterCount()];
        for (int k = 0; k < 8; k++) {
            z[net.biasIndex(0, k)] = 2;
            z[net.biasIndex(1, k)] = 2;
        }
        double mean = 0;
        for (double[] y : d.y()) {
            mean += y[0] / d.size();
        }
        z[net.biasIndex(2, 0)] = mean;
        CertificateResult r = SpuriousMinimumCertifier.certify("zero", c.withTheta(z), QUICK);
        assertThat(r.check("b_gradient_norm").pass()).as("it is a critical point").isTrue();
        assertThat(r.check("b_risk_equals_affine").pass()).isFalse();
        assertThat(r.passed()).isFalse();
    }
}
