package org.losslab.hessian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Histograms of spectral densities: against hand counts, and the mass always sums to 1. */
class SpectralHistogramTest {

    @Test
    void exactEigenvaluesAreCountedPerBinWithTheLastBinClosed() {
        double[][] h = SpectralHistogram.of(SpectralDensity.exact(new double[] {-1, -0.5, 0, 0, 0.49, 1}), -1, 1, 4);
        assertThat(Arrays.stream(h).mapToDouble(r -> r[2]).toArray())
                .containsExactly(new double[] {1 / 6.0, 1 / 6.0, 3 / 6.0, 1 / 6.0}, within(1e-15));
        assertThat(h[0][0]).isEqualTo(-1);
        assertThat(h[3][1]).isEqualTo(1);
        assertThat(h[1][1]).isEqualTo(h[2][0]);
    }

    @Test
    void quadratureWeightsAreAveragedOverProbesAndOutliersGoToTheEndBins() {
        SpectralDensity d = new SpectralDensity(new double[][] {{-2, 0.5}, {0.2, 3}},
                new double[][] {{0.25, 0.75}, {0.5, 0.5}});
        double[][] h = SpectralHistogram.of(d, 0, 1, 2);
        assertThat(h[0][2]).isCloseTo(0.125 + 0.25, within(1e-15));
        assertThat(h[1][2]).isCloseTo(0.375 + 0.25, within(1e-15));
    }

    @Test
    void aSingleValueOrABadRange() {
        double[][] h = SpectralHistogram.of(SpectralDensity.exact(new double[] {2, 2}), 2, 2, 3);
        assertThat(Arrays.stream(h).mapToDouble(r -> r[2]).sum()).isCloseTo(1, within(1e-15));
        assertThat(h[0][0]).isLessThan(2);
        assertThatThrownBy(() -> SpectralHistogram.of(SpectralDensity.exact(new double[] {1}), 1, 0, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
