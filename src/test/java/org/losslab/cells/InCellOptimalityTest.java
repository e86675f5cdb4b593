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

    /**
     * Every run reaches the convex optimum of the trained network's cell, but that optimum lies on the cell
     * boundary: the open cell holds no minimum, so the certificate is vacuous, not passed.
     */
    @Test
    void oneHiddenLayerRunsAllReachTheConvexCellOptimumOnItsBoundary() {
        Dataset d = Datasets.nonlinearRegression2d(3, 60);
        CertificateResult r = InCellOptimality.oneHiddenLayer("in-cell-1", d, TwoPieceActivation.LEAKY_RELU,
                InCellOptimality.Options.defaults(3));
        System.out.println(r);
        assertThat(r.checks()).allSatisfy(c -> assertThat(c.pass()).as(c.toString()).isTrue());
        assertThat(r.measurement("qp_active_constraints")).isPositive();
        assertThat(r.outcome()).isEqualTo(CertificateResult.Outcome.VACUOUS);
        assertThat(r.passed()).isFalse();
        assertThat(r.measurement("starts")).isEqualTo(20);
    }

    @Test
    void theConstructedInteriorOptimumIsCertifiedAndRunsFromInsideReachIt() {
        CertificateResult r = InteriorCellCase.certify("interior", 60, TwoPieceActivation.LEAKY_RELU,
                InCellOptimality.Options.defaults(5));
        System.out.println(r);
        assertThat(r.outcome()).as(r.toString()).isEqualTo(CertificateResult.Outcome.PASSED);
        assertThat(r.measurement("qp_active_constraints")).isZero();
        assertThat(r.measurement("qp_min_slack")).isGreaterThan(0.01);
        assertThat(r.check("reject_rule_max_gap_to_cell_optimum").pass()).isTrue();   // never leaving the open cell
        assertThat(r.measurement("cell_optimum_risk")).isBetween(1e-6, 1e-3);         // the noise: not an exact fit
    }

    /** The interior certificate can fail: one LM iteration does not reach R̂_cell* to 1e−6. */
    @Test
    void truncatedDescentFailsTheInteriorCertificate() {
        CertificateResult r = InteriorCellCase.certify("interior-short", 60, TwoPieceActivation.LEAKY_RELU,
                new InCellOptimality.Options(4, 0, 3, 1, 1e-9, 5));
        assertThat(r.outcome()).isEqualTo(CertificateResult.Outcome.FAILED);
        assertThat(r.check("max_abs_gap_to_cell_optimum").pass()).isFalse();
    }

    @Test
    void aCertificateWithoutChecksNeverPasses() {
        CertificateResult none = new CertificateResult("x", "ref", java.util.Map.of(), java.util.Map.of(), java.util.List.of(), 0);
        assertThat(none.outcome()).isEqualTo(CertificateResult.Outcome.REPORT_ONLY);
        assertThat(none.passed()).isFalse();
        CertificateResult ok = new CertificateResult("x", "ref", java.util.Map.of(), java.util.Map.of(),
                java.util.List.of(Check.atMost("c", 0, 1)), 0);
        assertThat(ok.passed()).isTrue();
        assertThat(ok.vacuous("does not apply").passed()).isFalse();
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
        assertThat(r.outcome()).isEqualTo(CertificateResult.Outcome.REPORT_ONLY);
        assertThat(r.passed()).isFalse();
        assertThat(r.measurement("final_risk_spread")).isGreaterThanOrEqualTo(0);
        assertThat(r.measurement("min_final_risk")).isLessThanOrEqualTo(r.measurement("max_final_risk"));
    }
}
