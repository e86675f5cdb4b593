package org.losslab.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Golden checks G2–G4 (science.md §E.1) for the thresholds of §B.5. */
class ComplexityThresholdsTest {

    @Test
    void g2GroundStateThresholdForP3() {
        assertThat(ComplexityThresholds.threshold(0, 3)).isCloseTo(1.6569984, within(1e-6));
        assertThat(ComplexityThresholds.threshold(0, 3)).isCloseTo(1.6569983635, within(1e-9));
    }

    @Test
    void g3FirstLayersForP3() {
        double[] expected = {1.652873, 1.650253, 1.648399, 1.646999, 1.645893};
        double[] e = ComplexityThresholds.thresholds(3, 5);
        for (int k = 1; k <= 5; k++) {
            assertThat(e[k]).as("E_%d", k).isCloseTo(expected[k - 1], within(1e-6));
        }
    }

    @Test
    void rootsAreRootsForSeveralP() {
        for (int p = 3; p <= 8; p++) {
            for (int k = 0; k <= 6; k++) {
                double e = ComplexityThresholds.threshold(k, p);
                assertThat(SpinGlassComplexity.theta(k, p, -e)).isCloseTo(0.0, within(1e-12));
                assertThat(SpinGlassComplexity.theta(k, p, -e * (1 - 1e-6))).isPositive();
                assertThat(SpinGlassComplexity.theta(k, p, -e * (1 + 1e-6))).isNegative();
            }
        }
    }

    @Test
    void g4StrictlyDecreasingTowardsEInfinity() {
        for (int p = 3; p <= 6; p++) {
            double[] e = ComplexityThresholds.thresholds(p, 60);
            double eInf = SpinGlassComplexity.eInf(p);
            for (int k = 1; k < e.length; k++) {
                assertThat(e[k]).isLessThan(e[k - 1]);
                assertThat(e[k]).isGreaterThan(eInf);
            }
            // E_k − E_∞ decays like k^(−2/3): (k+1)·I_1 ~ (k+1)δ^(3/2) must balance an O(1) complexity
            assertThat(ComplexityThresholds.threshold(100_000, p) - eInf).isLessThan((e[0] - eInf) / 100);
        }
    }

    @Test
    void p2HasNoLayers() {
        assertThat(ComplexityThresholds.thresholds(2, 3)).containsOnly(Math.sqrt(2));
    }

    @Test
    void badArguments() {
        assertThatThrownBy(() -> ComplexityThresholds.thresholds(3, -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("K");
        assertThatThrownBy(() -> ComplexityThresholds.thresholds(1, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("p");
    }
}
