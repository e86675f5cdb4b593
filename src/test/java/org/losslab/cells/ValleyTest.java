package org.losslab.cells;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ValleyTest {

    @Test
    void riskIsConstantAndPatternFixedAlongTheValley() {
        Dataset d = Datasets.nonlinearRegression2d(2, 100);
        Network net = new Network(new int[] {2, 8, 8, 1}, TwoPieceActivation.LEAKY_RELU, Loss.SQUARED);
        CertificateResult r = Valley.certify("valley", net, d, 2.0, new double[] {1, 1}, 5.0, new double[] {2, 0.5}, 1000);
        System.out.println(r);
        assertThat(r.passed()).as(r.toString()).isTrue();
        assertThat(r.measurement("risk_at_start")).isCloseTo(r.measurement("affine_risk"), within(1e-12));
        assertThat(r.measurement("endpoint_distance")).isGreaterThan(1);
        assertThat(r.measurement("min_preactivation_on_path")).isCloseTo(2.0, within(1e-12));
    }

    /** With only η changing, the valley is a straight segment in θ: the construction is affine in η. */
    @Test
    void etaOnlyValleyIsAStraightSegment() {
        Dataset d = Datasets.threePointParabola();
        Network net = new Network(new int[] {1, 3, 1}, TwoPieceActivation.LEAKY_RELU, Loss.SQUARED);
        AffineFit fit = AffineFit.leastSquares(d);
        double[] a = Valley.pointAt(net, d, fit, 2, new double[] {1}, 4, new double[] {1}, 0);
        double[] b = Valley.pointAt(net, d, fit, 2, new double[] {1}, 4, new double[] {1}, 1);
        double[] mid = Valley.pointAt(net, d, fit, 2, new double[] {1}, 4, new double[] {1}, 0.5);
        for (int k = 0; k < a.length; k++) {
            assertThat(mid[k]).isCloseTo(0.5 * (a[k] + b[k]), within(1e-14));
        }
        assertThat(net.risk(mid, d)).isCloseTo(2.0 / 9, within(1e-15));
    }

    /** The check can fail: the straight chord between two minima with different scales is not flat. */
    @Test
    void straightChordBetweenDifferentlyScaledMinimaIsRejected() {
        Dataset d = Datasets.nonlinearRegression2d(2, 50);
        Network net = new Network(new int[] {2, 8, 8, 1}, TwoPieceActivation.LEAKY_RELU, Loss.SQUARED);
        AffineFit fit = AffineFit.leastSquares(d);
        double[] a = LinearCellConstruction.build(net, d, fit, 2.0, new double[] {1, 1}).theta();
        double[] b = LinearCellConstruction.build(net, d, fit, 2.0, new double[] {3, 0.5}).theta();
        CertificateResult r = Valley.certifyPath("chord", net, d, fit, t -> {
            double[] th = a.clone();
            for (int k = 0; k < th.length; k++) {
                th[k] = (1 - t) * a[k] + t * b[k];
            }
            return th;
        }, 101, java.util.Map.of("path", "chord"));
        assertThat(r.passed()).isFalse();
        assertThat(r.check("max_abs_risk_deviation").pass()).isFalse();
        assertThat(r.measurement("max_abs_risk_deviation")).isGreaterThan(1e-6);
    }
}
