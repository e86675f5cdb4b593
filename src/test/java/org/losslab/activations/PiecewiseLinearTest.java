package org.losslab.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PiecewiseLinearTest {

    @Test
    void reluPiecesValuesAndBreakpointConvention() {
        PiecewiseLinear relu = PiecewiseLinear.relu();
        assertThat(relu.pieces()).isEqualTo(2);
        assertThat(relu.piece(-1e-300)).isZero();
        assertThat(relu.piece(0.0)).as("z = a_1 belongs to (a_0, a_1]").isZero();
        assertThat(relu.piece(-0.0)).isZero();
        assertThat(relu.piece(Double.MIN_VALUE)).isEqualTo(1);
        assertThat(relu.value(-3)).isEqualTo(0.0);
        assertThat(relu.value(2.5)).isEqualTo(2.5);
        assertThat(relu.derivative(0.0)).isEqualTo(0.0);
        assertThat(relu.derivative(1e-9)).isEqualTo(1.0);
    }

    @Test
    void hardTanhPiecesAtAndAroundBothBreakpoints() {
        PiecewiseLinear ht = PiecewiseLinear.hardTanh();
        assertThat(ht.pieces()).isEqualTo(3);
        assertThat(ht.piece(-1.0)).isZero();
        assertThat(ht.piece(Math.nextUp(-1.0))).isEqualTo(1);
        assertThat(ht.piece(1.0)).isEqualTo(1);
        assertThat(ht.piece(Math.nextUp(1.0))).isEqualTo(2);
        assertThat(ht.piece(Double.NEGATIVE_INFINITY)).isZero();
        assertThat(ht.piece(Double.POSITIVE_INFINITY)).isEqualTo(2);
        assertThat(ht.value(-7)).isEqualTo(-1.0);
        assertThat(ht.value(0.3)).isEqualTo(0.3);
        assertThat(ht.value(7)).isEqualTo(1.0);
        assertThat(ht.value(-1.0)).isEqualTo(-1.0);
        assertThat(ht.value(1.0)).isEqualTo(1.0);
    }

    @Test
    void leakyReluSlopes() {
        PiecewiseLinear l = PiecewiseLinear.leakyRelu(0.1);
        assertThat(l.value(-2)).isCloseTo(-0.2, within(1e-15));
        assertThat(l.derivative(-2)).isEqualTo(0.1);
        assertThat(l.value(3)).isEqualTo(3.0);
    }

    @Test
    void meanSlopeAndInterceptFollowC3() {
        // ReLU: ᾱ = ρ_2, β̄ = 0; HardTanh: ᾱ = ρ_2, β̄ = ρ_3 − ρ_1
        assertThat(PiecewiseLinear.relu().meanSlope(new double[] {0.3, 0.7})).isCloseTo(0.7, within(1e-15));
        assertThat(PiecewiseLinear.relu().meanIntercept(new double[] {0.3, 0.7})).isEqualTo(0.0);
        PiecewiseLinear ht = PiecewiseLinear.hardTanh();
        double[] rho = {0.2, 0.5, 0.3};
        assertThat(ht.meanSlope(rho)).isCloseTo(0.5, within(1e-15));
        assertThat(ht.meanIntercept(rho)).isCloseTo(0.1, within(1e-15));
        assertThat(ht.meanIntercept(new double[] {0.25, 0.5, 0.25})).isCloseTo(0.0, within(1e-15));
        assertThatThrownBy(() -> ht.meanSlope(new double[] {0.5, 0.5})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rho");
        assertThatThrownBy(() -> ht.meanSlope(new double[] {0.5, 0.5, 0.5})).hasMessageContaining("sum to 1");
    }

    @Test
    void validationNamesTheProblem() {
        assertThatThrownBy(() -> new PiecewiseLinear("x", new double[] {1, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> new PiecewiseLinear("x", new double[] {0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 0}))
                .hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> new PiecewiseLinear("x", new double[] {0}, new double[] {0, 1, 2}, new double[] {0, 0, 0}))
                .hasMessageContaining("lengths do not match");
        assertThatThrownBy(() -> new PiecewiseLinear("x", new double[] {0}, new double[] {0, 1}, new double[] {0}))
                .hasMessageContaining("lengths do not match");
        assertThatThrownBy(() -> new PiecewiseLinear("x", new double[] {Double.NaN}, new double[] {0, 1}, new double[] {0, 0}))
                .hasMessageContaining("breakpoints[0]").hasMessageContaining("not finite");
        assertThatThrownBy(() -> new PiecewiseLinear("x", new double[] {0}, new double[] {0, Double.POSITIVE_INFINITY}, new double[] {0, 0}))
                .hasMessageContaining("slopes[1]");
        assertThatThrownBy(() -> new PiecewiseLinear(" ", new double[] {0}, new double[] {0, 1}, new double[] {0, 0}))
                .hasMessageContaining("name");
    }

    @Test
    void pieceAgreesWithLinearScanOnManyBreakpoints() {
        double[] a = {-3, -1.5, -0.2, 0, 0.7, 2, 4.5};
        double[] s = new double[8];
        PiecewiseLinear f = new PiecewiseLinear("many", a, s, new double[8]);
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 10_000; i++) {
            double z = i < a.length ? a[i] : r.nextGaussian() * 3;
            int expected = 0;
            for (double ak : a) {
                if (z > ak) {
                    expected++;
                }
            }
            assertThat(f.piece(z)).isEqualTo(expected);
        }
    }
}
