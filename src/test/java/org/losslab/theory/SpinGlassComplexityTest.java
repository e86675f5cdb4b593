package org.losslab.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;

/** Golden checks G1, G5–G8, G11, G18 of science.md §E.1 for the closed-form complexity (§B.4). */
class SpinGlassComplexityTest {

    @Test
    void g1EInfinityForP3() {
        assertThat(SpinGlassComplexity.eInf(3)).isCloseTo(1.6329932, within(1e-7));
        assertThat(SpinGlassComplexity.eInf(3)).isEqualTo(2 * Math.sqrt(2.0 / 3.0));
    }

    @Test
    void g5ComplexityAboveTheEdgeIsTheSameForEveryIndex() {
        double expected = 0.5 * Math.log(2) - 1.0 / 3.0;
        assertThat(expected).isCloseTo(0.0132403, within(1e-7));
        for (int k : new int[] {0, 1, 5, 40}) {
            for (double u : new double[] {-SpinGlassComplexity.eInf(3), -1.6, -0.3, 0.0, 2.0}) {
                assertThat(SpinGlassComplexity.theta(k, 3, u)).isCloseTo(0.0132403, within(1e-7));
            }
        }
    }

    @Test
    void g6TotalComplexity() {
        double[] u = {0, -0.5, -1, -1.5, -1.6};
        double[] expected = {0.346574, 0.315324, 0.221574, 0.065324, 0.026574};
        for (int i = 0; i < u.length; i++) {
            assertThat(SpinGlassComplexity.thetaTotal(3, u[i])).as("u=%s", u[i]).isCloseTo(expected[i], within(1e-6));
        }
        assertThat(SpinGlassComplexity.thetaTotal(3, 0.5)).isCloseTo(0.5 * Math.log(2), within(1e-15));
    }

    @Test
    void g7ClosedFormOfI1AgreesWithQuadrature() {
        assertThat(SpinGlassComplexity.i1(-1.7, 3)).isCloseTo(0.01576925, within(1e-8));
        for (int p : new int[] {3, 4, 7}) {
            for (double x : new double[] {1e-5, 1e-3, 0.02, 0.1, 0.5}) {
                double u = -SpinGlassComplexity.eInf(p) * (1 + x);
                assertThat(SpinGlassComplexity.i1(u, p)).as("p=%d u=%s", p, u).isCloseTo(quadrature(u, p), within(1e-10));
            }
        }
    }

    /** (2/E²)∫_u^{−E} √(z²−E²) dz with z = −E − w², which removes the square-root endpoint singularity. */
    private static double quadrature(double u, int p) {
        double e = SpinGlassComplexity.eInf(p);
        double wMax = Math.sqrt(-u - e);
        IterativeLegendreGaussIntegrator gauss = new IterativeLegendreGaussIntegrator(16, 1e-13, 1e-14);
        double integral = gauss.integrate(100_000, w -> 2 * w * w * Math.sqrt(2 * e + w * w), 0, wMax);
        return 2 / (e * e) * integral;
    }

    @Test
    void g8IndexResolvedComplexityInsideTheBand() {
        double[] expected = {0.004254, 0.002247, 0.000240};
        for (int k = 0; k < 3; k++) {
            assertThat(SpinGlassComplexity.theta(k, 3, -1.65)).isCloseTo(expected[k], within(1e-6));
        }
    }

    @Test
    void pointwiseTableOfSectionB7() {
        assertThat(SpinGlassComplexity.i1(-1.66, 3)).isCloseTo(4.020335e-3, within(1e-9));
        assertThat(SpinGlassComplexity.i1(-1.635, 3)).isCloseTo(8.125044e-5, within(1e-11));
        assertThat(SpinGlassComplexity.theta(2, 3, -1.66)).isCloseTo(-0.009937, within(1e-6));
        assertThat(SpinGlassComplexity.theta(1, 3, -1.64)).isCloseTo(0.009313, within(1e-6));
    }

    @Test
    void g11ContinuityAtTheEdgeAndAtZero() {
        for (int p = 2; p <= 8; p++) {
            double e = SpinGlassComplexity.eInf(p);
            double below = Math.nextDown(-e);
            double tiny = -e * (1 + 1e-12);
            for (int k = 0; k < 4; k++) {
                assertThat(SpinGlassComplexity.theta(k, p, below)).isCloseTo(SpinGlassComplexity.theta(k, p, -e), within(1e-9));
                assertThat(SpinGlassComplexity.theta(k, p, tiny)).isCloseTo(SpinGlassComplexity.theta(k, p, Math.nextUp(-e)), within(1e-9));
            }
            assertThat(SpinGlassComplexity.thetaTotal(p, below)).isCloseTo(SpinGlassComplexity.thetaTotal(p, Math.nextUp(-e)), within(1e-9));
            assertThat(SpinGlassComplexity.thetaTotal(p, -1e-12)).isCloseTo(SpinGlassComplexity.thetaTotal(p, 1e-12), within(1e-9));
            assertThat(SpinGlassComplexity.i1(-e, p)).isZero();
            assertThat(SpinGlassComplexity.i1(-e / 2, p)).isZero();
        }
    }

    @Test
    void i1IsSmoothAcrossTheSeriesSwitchAndPositiveJustBelowTheEdge() {
        double e = SpinGlassComplexity.eInf(3);
        double left = SpinGlassComplexity.i1(-e * (1 + 1e-3 * (1 - 1e-9)), 3);
        double right = SpinGlassComplexity.i1(-e * (1 + 1e-3 * (1 + 1e-9)), 3);
        assertThat(Math.abs(right - left) / left).isLessThan(1e-7);
        double u = -e * (1 + 1e-10);
        double x = -u / e - 1; // the x the code sees after rounding
        double leading = 2 * Math.sqrt(2) * Math.pow(x, 1.5) * 2 / 3;
        assertThat(SpinGlassComplexity.i1(u, 3)).isPositive().isCloseTo(leading, within(1e-9 * leading));
    }

    @Test
    void g18NumberOfMinimaAtLambda1000() {
        double minima = Math.exp(1000 * SpinGlassComplexity.theta(0, 3, -SpinGlassComplexity.eInf(3)));
        assertThat(minima).isCloseTo(5.63e5, within(0.01 * 5.63e5));
    }

    @Test
    void p2HasNoExponentialComplexityInTheBulk() {
        assertThat(SpinGlassComplexity.theta(0, 2, -1.0)).isZero();
        assertThat(SpinGlassComplexity.thetaTotal(2, -1.0)).isZero();
        assertThat(SpinGlassComplexity.thetaTotal(2, 3.0)).isZero();
        assertThat(SpinGlassComplexity.theta(0, 2, -2.0)).isNegative();
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> SpinGlassComplexity.eInf(1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("p");
        assertThatThrownBy(() -> SpinGlassComplexity.theta(-1, 3, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k");
        assertThatThrownBy(() -> SpinGlassComplexity.thetaTotal(3, Double.NaN)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("u");
    }
}
