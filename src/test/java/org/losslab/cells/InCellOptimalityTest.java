package org.losslab.cells;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InCellOptimalityTest {

    /**
     * 1-1-1 leaky net with z = x + 2 > 0 on x = −1, 0, 1 and a > 0: the cell is {v₂ ≥ |v₁|}, which
     * contains the best affine fit (slope 0, intercept 2/3), so R̂_cell* = R̂_lin* = 2/9 by hand.
     */
    @Test
    void handCheckedCellOptimumOnThreePoints() {
        Dataset d = Datasets.threePointParabola();
        Network net = new Network(new int[] {1, 1, 1}, TwoPieceActivation.LEAKY_RELU, Loss.SQUARED);
        double[] theta = {1, 2, 1, 0};
        OneHiddenCell cell = OneHiddenCell.of(net, theta, d);
        InCellProgram qp = InCellProgram.solve(cell);
        assertThat(qp.optimal()).isTrue();
        assertThat(qp.risk()).isCloseTo(2.0 / 9, within(1e-9));
        assertThat(qp.predictions()).containsExactly(new double[] {2.0 / 3, 2.0 / 3, 2.0 / 3}, within(1e-6));
        double[] start = CellStarts.randomStart(net, theta, new SplittableRandom(1), cell::containsOpen);
        Descent.Result r = ActiveSetDescent.run(cell, start, 500, 1e-12);
        assertThat(r.risk()).isCloseTo(2.0 / 9, within(1e-10));
    }

    @Test
    void oneHiddenLayerRunsAllReachTheConvexCellOptimum() {
        Dataset d = Datasets.nonlinearRegression2d(3, 60);
        CertificateResult r = InCellOptimality.oneHiddenLayer("in-cell-1", d, TwoPieceActivation.LEAKY_RELU,
                InCellOptimality.Options.defaults(3));
        System.out.println(r);
        assertThat(r.passed()).as(r.toString()).isTrue();
        assertThat(r.measurement("starts")).isEqualTo(20);
    }

    /** The check can fail: three LM iterations do not reach R̂_cell* to 1e−6. */
    @Test
    void truncatedDescentFailsTheCertificate() {
        Dataset d = Datasets.nonlinearRegression2d(3, 60);
        CertificateResult r = InCellOptimality.oneHiddenLayer("in-cell-short", d, TwoPieceActivation.LEAKY_RELU,
                new InCellOptimality.Options(8, 300, 2, 3, 1e-9, 3));
        assertThat(r.check("max_abs_gap_to_cell_optimum").pass()).isFalse();
        assertThat(r.passed()).isFalse();
    }

    @Test
    void twoHiddenLayerControlReportsSpread() {
        Dataset d = Datasets.nonlinearRegression2d(3, 60);
        CertificateResult r = InCellOptimality.twoHiddenLayerControl("in-cell-2", d, TwoPieceActivation.LEAKY_RELU,
                new InCellOptimality.Options(8, 300, 5, 500, 1e-9, 3));
        assertThat(r.checks()).isEmpty();
        assertThat(r.measurement("final_risk_spread")).isGreaterThanOrEqualTo(0);
        assertThat(r.measurement("min_final_risk")).isLessThanOrEqualTo(r.measurement("max_final_risk"));
    }
}
