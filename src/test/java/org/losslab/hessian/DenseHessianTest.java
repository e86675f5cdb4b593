package org.losslab.hessian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.losslab.training.PreparedData;

/**
 * The dense Hessian (Kronecker blocks of per-row factors) and the stacked R-operator products are two
 * independent derivations of the same matrix: they agree to rounding, and the stacked products, which
 * nothing forces to be symmetric, are symmetric to rounding too.
 */
class DenseHessianTest {

    static final PreparedData DATA = HessianFixtures.data(300, 10);

    @ParameterizedTest(name = "hidden layers {0}, width {1}")
    @CsvSource({"1, 7", "2, 6", "3, 5"})
    void denseHessianIsSymmetricAndEqualsStackedProducts(int layers, int width) {
        HessianFixtures.Trained t = HessianFixtures.trained(DATA, layers, width, 2, 2);
        double[] theta = t.theta();
        int p = theta.length;
        try (TrainingSet set = TrainingSet.of(DATA);
             DenseHessian h = DenseHessian.compute(t.shape(), theta, set);
             HessianVectorProducts hvp = new HessianVectorProducts(t.shape(), theta, set, 64)) {
            double[][] e = new double[p][p];
            double[][] cols = new double[p][p];
            for (int i = 0; i < p; i++) {
                e[i][i] = 1;
            }
            hvp.apply(e, cols);
            double worst = 0;
            double asym = 0;
            double scale = 0;
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    scale = Math.max(scale, Math.abs(cols[j][i]));
                    worst = Math.max(worst, Math.abs(h.get(i, j) - cols[j][i]));
                    asym = Math.max(asym, Math.abs(h.get(i, j) - h.get(j, i)));
                }
            }
            double stackedAsym = 0;
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    stackedAsym = Math.max(stackedAsym, Math.abs(cols[j][i] - cols[i][j]));
                }
            }
            assertThat(scale).isPositive();
            assertThat(worst).isLessThanOrEqualTo(1e-12 * scale);
            assertThat(asym).isZero();
            assertThat(stackedAsym).isLessThanOrEqualTo(1e-12 * scale);
            double[] ev = h.eigenvalues();
            assertThat(h.get(0, 1)).as("the matrix survives eigenvalues()").isCloseTo(cols[1][0], within(1e-12 * scale));
            double trace = 0;
            for (int i = 0; i < p; i++) {
                trace += h.get(i, i);
            }
            assertThat(java.util.Arrays.stream(ev).sum()).isCloseTo(trace, within(1e-10 * scale * p));
            assertThat(ev).isSorted();
        }
    }
}
