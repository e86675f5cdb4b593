package org.losslab.hessian;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.losslab.training.PreparedData;

class LanczosTest {

    static final PreparedData DATA = HessianFixtures.data(300, 10);

    @ParameterizedTest(name = "hidden layers {0}, width {1}")
    @CsvSource({"1, 7", "2, 6"})
    void extremeEigenvaluesMatchTheExactSpectrumOnSmallNetworks(int layers, int width) {
        HessianFixtures.Trained t = HessianFixtures.trained(DATA, layers, width, 2, 2);
        double[] theta = t.theta();
        try (TrainingSet set = TrainingSet.of(DATA);
             DenseHessian h = DenseHessian.compute(t.shape(), theta, set);
             HessianVectorProducts hvp = new HessianVectorProducts(t.shape(), theta, set)) {
            double[] exact = h.eigenvalues();
            double lo = exact[0];
            double hi = exact[exact.length - 1];
            ExtremeEigenvalues e = ExtremeEigenvalues.compute(hvp, 11, 300, 1e-7, 1e-9);
            assertThat(e.converged()).isTrue();
            assertThat(Math.abs(e.max() - hi)).isLessThanOrEqualTo(1e-6 * Math.abs(hi));
            assertThat(Math.abs(e.min() - lo)).isLessThanOrEqualTo(1e-6 * Math.abs(lo));
            assertThat(e.min()).as("interlacing").isGreaterThanOrEqualTo(lo - 1e-12 * hi);
            assertThat(e.max()).as("interlacing").isLessThanOrEqualTo(hi + 1e-12 * hi);
            assertThat(e.steps()).isLessThan(exact.length);
        }
    }

    @Test
    void negativeCountIsExactForWellSeparatedSpectra() {
        double[] negatives = {-5, -4, -3, -2.5, -2, -1.5, -1};
        double[] lambda = spectrum(negatives, 20, KnownSpectrum.spread(273, 0.5, 50, 3));
        ExtremeEigenvalues e = ExtremeEigenvalues.compute(new KnownSpectrum(lambda, 5), 17, 300, 1e-7, 1e-9);
        assertThat(e.converged()).isTrue();
        assertThat(e.countBelow(-1e-9 * e.spectralNorm())).isEqualTo(negatives.length);
        assertThat(e.steps()).as("well before the dimension").isLessThan(lambda.length / 2);
        assertThat(e.min()).isCloseTo(-5, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(e.max()).isCloseTo(Arrays.stream(lambda).max().orElseThrow(),
                org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void aRunCutShortCountsNoMoreNegativesThanThereAre() {
        double[] negatives = KnownSpectrum.spread(40, -3, -0.5, 9);
        double[] lambda = spectrum(negatives, 0, KnownSpectrum.spread(160, 0.5, 20, 4));
        for (int steps : new int[] {5, 15, 30}) {
            ExtremeEigenvalues e = ExtremeEigenvalues.compute(new KnownSpectrum(lambda, 6), 3, steps, 1e-7, 1e-9);
            assertThat(e.converged()).isFalse();
            assertThat(e.countBelow(0)).isLessThanOrEqualTo(negatives.length).isGreaterThan(0);
        }
    }

    /** negatives, then {@code zeros} exact zeros, then positives. */
    static double[] spectrum(double[] negatives, int zeros, double[] positives) {
        double[] v = new double[negatives.length + zeros + positives.length];
        System.arraycopy(negatives, 0, v, 0, negatives.length);
        System.arraycopy(positives, 0, v, negatives.length + zeros, positives.length);
        return v;
    }
}
