package org.losslab.hessian;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.losslab.training.PreparedData;

/**
 * Hessian-vector products are exact derivatives of the exact gradient: central differences
 * (g(θ + hv) − g(θ − hv))/2h along unit v approach them as h² (truncation), so the relative error
 * falls a hundredfold from h = 1e−3 to 1e−4 and is below 1e−7 there; an approximate product would stall.
 * Directions along which a ReLU changes sides within the step are skipped: there the gradient jumps.
 */
class HessianVectorProductsTest {

    static final PreparedData DATA = HessianFixtures.data(300, 10);

    @ParameterizedTest(name = "hidden layers {0}, width {1}")
    @CsvSource({"1, 7", "2, 6", "3, 5"})
    void productsAreCentralDifferencesOfExactGradients(int layers, int width) {
        HessianFixtures.Trained t = HessianFixtures.trained(DATA, layers, width, 2, 2);
        double[] theta = t.theta();
        try (TrainingSet set = TrainingSet.of(DATA);
             HessianVectorProducts hvp = new HessianVectorProducts(t.shape(), theta, set)) {
            int checked = 0;
            for (long seed = 1; seed <= 10 && checked < 3; seed++) {
                double[] v = HessianFixtures.unitVector(theta.length, seed);
                if (!BruteForceMlp.samePattern(t.shape(), theta, v, 1e-3, DATA)) {
                    continue;
                }
                checked++;
                double[] hv = hvp.apply(v);
                double coarse = relativeError(t.shape(), theta, set, v, hv, 1e-3);
                double fine = relativeError(t.shape(), theta, set, v, hv, 1e-4);
                assertThat(fine).as("seed %d", seed).isLessThan(1e-7);
                assertThat(coarse / fine).as("seed %d: second-order convergence", seed).isGreaterThan(30);
            }
            assertThat(checked).as("directions without a kink within 1e-3").isEqualTo(3);
            double[][] block = {HessianFixtures.unitVector(theta.length, 5), HessianFixtures.unitVector(theta.length, 6)};
            double[][] out = new double[2][theta.length];
            hvp.apply(block, out);
            assertThat(out[1]).as("a block is its vectors one by one").containsExactly(hvp.apply(block[1]));
        }
    }

    private static double relativeError(MlpShape shape, double[] theta, TrainingSet set, double[] v, double[] hv,
                                        double h) {
        double[] gp = MlpLoss.lossAndGradient(shape, HessianFixtures.axpy(theta, h, v), set).gradient();
        double[] gm = MlpLoss.lossAndGradient(shape, HessianFixtures.axpy(theta, -h, v), set).gradient();
        double[] fd = new double[gp.length];
        for (int i = 0; i < fd.length; i++) {
            fd[i] = (gp[i] - gm[i]) / (2 * h);
        }
        return HessianFixtures.relativeError(fd, hv);
    }
}
