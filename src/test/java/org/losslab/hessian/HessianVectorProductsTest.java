package org.losslab.hessian;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.losslab.training.PreparedData;

class HessianVectorProductsTest {

    static final PreparedData DATA = HessianFixtures.data(300, 10);

    @ParameterizedTest(name = "hidden layers {0}, width {1}")
    @CsvSource({"1, 7", "2, 6", "3, 5"})
    void productsAreCentralDifferencesOfExactGradients(int layers, int width) {
        HessianFixtures.Trained t = HessianFixtures.trained(DATA, layers, width, 2, 2);
        double[] theta = t.theta();
        try (TrainingSet set = TrainingSet.of(DATA);
             HessianVectorProducts hvp = new HessianVectorProducts(t.shape(), theta, set)) {
            for (long seed = 1; seed <= 3; seed++) {
                double[] v = HessianFixtures.unitVector(theta.length, seed);
                double[] hv = hvp.apply(v);
                for (double h : new double[] {1e-3, 1e-4, 1e-5}) {
                    double[] gp = MlpLoss.lossAndGradient(t.shape(), HessianFixtures.axpy(theta, h, v), set).gradient();
                    double[] gm = MlpLoss.lossAndGradient(t.shape(), HessianFixtures.axpy(theta, -h, v), set).gradient();
                    double[] fd = new double[gp.length];
                    for (int i = 0; i < fd.length; i++) {
                        fd[i] = (gp[i] - gm[i]) / (2 * h);
                    }
                    System.out.printf("L=%d seed %d h %.0e |Hv| %.4g rel %.3g%n", layers, seed, h,
                            HessianFixtures.norm(hv), HessianFixtures.relativeError(fd, hv));
                }
            }
        }
    }
}
