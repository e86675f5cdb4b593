package org.losslab.cells;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InCellOptimalityTest {

    @Test
    void oneHiddenLayerRunsAllReachTheConvexCellOptimum() {
        Dataset d = Datasets.nonlinearRegression2d(3, 100);
        CertificateResult r = InCellOptimality.oneHiddenLayer("in-cell-1", d, TwoPieceActivation.LEAKY_RELU,
                InCellOptimality.Options.defaults(3));
        System.out.println(r);
        assertThat(r.passed()).as(r.toString()).isTrue();
    }

    @Test
    void twoHiddenLayerControlReportsSpread() {
        Dataset d = Datasets.nonlinearRegression2d(3, 100);
        CertificateResult r = InCellOptimality.twoHiddenLayerControl("in-cell-2", d, TwoPieceActivation.LEAKY_RELU,
                InCellOptimality.Options.defaults(3));
        System.out.println(r);
        assertThat(r.measurement("final_risk_spread")).isGreaterThanOrEqualTo(0);
    }
}
