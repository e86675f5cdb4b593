package org.losslab.cells;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrincipalComponentsTest {

    /** Whitened components have mean 0 and identity sample covariance; targets are untouched. */
    @Test
    void componentsAreCentredAndWhite() {
        SplittableRandom r = new SplittableRandom(5);
        double[][] x = new double[200][6];
        double[][] y = new double[200][1];
        for (int i = 0; i < 200; i++) {
            double a = r.nextGaussian() * 3;
            double b = r.nextGaussian();
            for (int j = 0; j < 6; j++) {
                x[i][j] = a * (j + 1) + b * (j % 2 == 0 ? 1 : -1) + 0.01 * r.nextGaussian() + 7;
            }
            y[i][0] = i % 2 == 0 ? 1 : -1;
        }
        Dataset z = PrincipalComponents.whiten(Dataset.of("t", x, y), 3);
        assertThat(z.inputDim()).isEqualTo(3);
        assertThat(z.name()).isEqualTo("t-pca3");
        for (int c = 0; c < 3; c++) {
            double mean = 0;
            for (double[] row : z.x()) {
                mean += row[c] / 200;
            }
            assertThat(mean).isCloseTo(0, within(1e-12));
            for (int e = 0; e < 3; e++) {
                double cov = 0;
                for (double[] row : z.x()) {
                    cov += row[c] * row[e] / 199;
                }
                assertThat(cov).as("cov %d %d", c, e).isCloseTo(c == e ? 1 : 0, within(1e-9));
            }
        }
        assertThat(z.y()[3][0]).isEqualTo(-1);
    }

    /** Points on a line span one direction: a second component is refused, as is k ≥ n. */
    @Test
    void refusesComponentsTheDataDoNotHave() {
        double[][] x = new double[10][3];
        double[][] y = new double[10][1];
        for (int i = 0; i < 10; i++) {
            x[i] = new double[] {i, 2 * i, -i};
        }
        assertThat(PrincipalComponents.whiten(Dataset.of("line", x, y), 1).x()[9][0]).isPositive();
        assertThatThrownBy(() -> PrincipalComponents.whiten(Dataset.of("line", x, y), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cells.mnist_components");
        assertThatThrownBy(() -> PrincipalComponents.whiten(Dataset.of("line", x, y), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and");
    }
}
