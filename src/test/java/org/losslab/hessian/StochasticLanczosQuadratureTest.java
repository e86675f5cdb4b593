package org.losslab.hessian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.losslab.training.PreparedData;

class StochasticLanczosQuadratureTest {

    static final PreparedData DATA = HessianFixtures.data(300, 10);

    @Test
    void densityIntegratesToOneAndNegativeFractionIsWithinItsErrorOnASmallNetwork() {
        HessianFixtures.Trained t = HessianFixtures.trained(DATA, 1, 7, 2, 2);
        double[] theta = t.theta();
        try (TrainingSet set = TrainingSet.of(DATA);
             DenseHessian h = DenseHessian.compute(t.shape(), theta, set);
             HessianVectorProducts hvp = new HessianVectorProducts(t.shape(), theta, set)) {
            double[] exact = h.eigenvalues();
            double norm = Math.max(-exact[0], exact[exact.length - 1]);
            SpectralDensity d = StochasticLanczosQuadrature.estimate(hvp, 10, 40, 4, 99);
            // at the honest-index threshold the bulk of tiny eigenvalues straddles it: a wide but true bracket;
            // further out the quadrature resolves the spectrum and the bracket is tight
            for (double relative : new double[] {1e-9, 0.05}) {
                double x = -relative * norm;
                double truth = (double) HessianAnalysis.counts(exact, -x)[0] / exact.length;
                SpectralDensity.Fraction f = d.fractionBelow(x);
                assertThat(Math.abs(f.value() - truth)).isLessThanOrEqualTo(f.error());
                assertThat(f.lower() - 2 * f.standardError()).isLessThanOrEqualTo(truth);
                assertThat(f.upper() + 2 * f.standardError()).isGreaterThanOrEqualTo(truth);
                if (relative > 0.01) {
                    assertThat(f.error()).isLessThan(0.1);
                }
            }
            double sigma = 0.01 * norm;
            double[] grid = d.grid(4001, sigma);
            assertThat(trapezoid(grid, d.smoothed(grid, sigma))).isCloseTo(1.0, within(1e-9));
            double[] exactDensity = SpectralDensity.exact(exact).smoothed(grid, sigma);
            assertThat(trapezoid(grid, exactDensity)).isCloseTo(1.0, within(1e-6));
        }
    }

    @Test
    void aWellSeparatedSpectrumGivesATightCorrectFraction() {
        double[] lambda = LanczosTest.spectrum(KnownSpectrum.spread(30, -4, -1, 1), 0,
                KnownSpectrum.spread(270, 1, 40, 2));
        SpectralDensity d = StochasticLanczosQuadrature.estimate(new KnownSpectrum(lambda, 8), 12, 40, 5, 4);
        SpectralDensity.Fraction f = d.fractionBelow(0);
        assertThat(Math.abs(f.value() - 0.1)).isLessThanOrEqualTo(f.error());
        assertThat(f.error()).as("resolving a gap of 2 needs no wide bracket").isLessThan(0.06);
    }

    @Test
    void probesFollowTheSeedAndBlocksDoNotChangeTheResult() {
        double[] lambda = KnownSpectrum.spread(120, -2, 10, 5);
        KnownSpectrum op = new KnownSpectrum(lambda, 2);
        SpectralDensity a = StochasticLanczosQuadrature.estimate(op, 6, 20, 6, 42);
        SpectralDensity b = StochasticLanczosQuadrature.estimate(op, 6, 20, 1, 42);
        SpectralDensity c = StochasticLanczosQuadrature.estimate(op, 6, 20, 6, 43);
        assertThat(a.nodes()).isDeepEqualTo(b.nodes());
        assertThat(a.weights()).isDeepEqualTo(b.weights());
        assertThat(a.nodes()[0]).isNotEqualTo(c.nodes()[0]);
        for (double[] w : a.weights()) {
            assertThat(java.util.Arrays.stream(w).sum()).isCloseTo(1.0, within(1e-12));
        }
    }

    static double trapezoid(double[] x, double[] y) {
        double s = 0;
        for (int i = 1; i < x.length; i++) {
            s += 0.5 * (y[i] + y[i - 1]) * (x[i] - x[i - 1]);
        }
        return s;
    }
}
