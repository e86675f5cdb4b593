package org.losslab.cells;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LinearNetworkControlTest {

    @Test
    void everyLinearNetworkRunEndsAtTheAffineOptimum() {
        CertificateResult r = LinearNetworkControl.certify("linear", Datasets.nonlinearRegression2d(4, 100),
                new int[] {8, 8}, 10, 500, 4);
        System.out.println(r);
        assertThat(r.passed()).as(r.toString()).isTrue();
        assertThat(r.measurement("stage2_gap")).isZero();
    }

    /** On the three-point parabola a 1-2-1 linear net reaches exactly R̂_lin* = 2/9. */
    @Test
    void threePointLinearNetReachesTwoNinths() {
        CertificateResult r = LinearNetworkControl.certify("linear3", Datasets.threePointParabola(), new int[] {2}, 5, 500, 1);
        assertThat(r.measurement("affine_risk")).isCloseTo(2.0 / 9, within(1e-15));
        assertThat(r.measurement("max_abs_gap_to_affine")).isLessThan(1e-9);
    }

    /** The check can fail: the leaky-ReLU construction has a strictly better point, the linear one none. */
    @Test
    void leakyConstructionIsSpuriousButLinearIsNot() {
        Dataset d = Datasets.threePointParabola();
        Network leaky = new Network(new int[] {1, 3, 1}, TwoPieceActivation.LEAKY_RELU, Loss.SQUARED);
        Network lin = leaky.withActivation(TwoPieceActivation.IDENTITY);
        SpuriousMinimumCertifier.Options o = new SpuriousMinimumCertifier.Options(500, 1e-4, 1e-2, 1);
        CertificateResult l = SpuriousMinimumCertifier.certify("lin", LinearCellConstruction.build(lin, d, 2, new double[] {1}), o);
        assertThat(l.check("b_gradient_norm").pass()).isTrue();
        assertThat(l.check("d_strictly_better_gap").pass()).isFalse();
        assertThat(l.passed()).isFalse();
    }
}
