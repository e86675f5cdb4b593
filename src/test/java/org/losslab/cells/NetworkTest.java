package org.losslab.cells;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NetworkTest {

    /** 1-2-1 leaky net with W0 = (1, −1), b0 = 0, W1 = (1, 1), b1 = 0 computes f(x) = 0.9|x|. */
    @Test
    void handComputedRiskAndPatternOnThreePoints() {
        Network net = new Network(new int[] {1, 2, 1}, TwoPieceActivation.LEAKY_RELU, Loss.SQUARED);
        double[] theta = {1, -1, 0, 0, 1, 1, 0};
        Dataset d = Datasets.threePointParabola();
        assertThat(net.predict(theta, new double[] {-2})[0]).isCloseTo(1.8, within(1e-15));
        assertThat(net.risk(theta, d)).isCloseTo(0.02 / 3, within(1e-15));
        ActivationPattern p = net.pattern(theta, d);
        assertThat(p.isPositive(0, 0)).isFalse();
        assertThat(p.isPositive(0, 1)).isTrue();
        assertThat(p.isPositive(2, 0)).isTrue();
        assertThat(p.isPositive(2, 1)).isFalse();
        assertThat(p.isOpen()).as("x = 0 sits on both kinks").isFalse();
        assertThat(p.minAbsPreactivation()).isZero();
    }

    @Test
    void gradientMatchesCentralDifferencesSquaredAndCrossEntropy() {
        for (Loss loss : Loss.values()) {
            int dy = loss == Loss.SQUARED ? 1 : 2;
            Dataset d = randomData(7, 15, 3, dy, loss);
            Network net = new Network(new int[] {3, 4, 5, dy}, TwoPieceActivation.LEAKY_RELU, loss);
            double[] theta = randomTheta(net, d, 11);
            double[] g = net.gradient(theta, d).gradient();
            assertThat(net.gradient(theta, d).risk()).isCloseTo(net.risk(theta, d), within(1e-14));
            double h = 1e-6;
            for (int k = 0; k < theta.length; k++) {
                double fd = (net.risk(Vectors.axpy(theta, h, unit(theta.length, k)), d)
                        - net.risk(Vectors.axpy(theta, -h, unit(theta.length, k)), d)) / (2 * h);
                assertThat(g[k]).as("%s dθ_%d", loss, k).isCloseTo(fd, within(1e-8));
            }
        }
    }

    @Test
    void exactHessianMatchesDifferencesOfTheExactGradient() {
        for (Loss loss : Loss.values()) {
            int dy = loss == Loss.SQUARED ? 1 : 2;
            Dataset d = randomData(8, 12, 2, dy, loss);
            Network net = new Network(new int[] {2, 3, 3, dy}, TwoPieceActivation.LEAKY_RELU, loss);
            double[] theta = randomTheta(net, d, 12);
            double[][] hess = NetworkHessian.hessian(net, theta, d);
            double h = 1e-5;
            for (int k = 0; k < theta.length; k++) {
                double[] gp = net.gradient(Vectors.axpy(theta, h, unit(theta.length, k)), d).gradient();
                double[] gm = net.gradient(Vectors.axpy(theta, -h, unit(theta.length, k)), d).gradient();
                for (int r = 0; r < theta.length; r++) {
                    assertThat(hess[r][k]).as("%s H[%d][%d]", loss, r, k).isCloseTo((gp[r] - gm[r]) / (2 * h), within(1e-7));
                }
            }
            double[] v = randomVector(theta.length, 3);
            double[] hv = NetworkHessian.hessianVector(net, theta, d, v);
            for (int r = 0; r < theta.length; r++) {
                assertThat(hv[r]).isCloseTo(Vectors.dot(hess[r], v), within(1e-12));
            }
        }
    }

    @Test
    void linearActivationHasOneCellAndMismatchedShapesAreRejected() {
        Network lin = new Network(new int[] {1, 2, 1}, TwoPieceActivation.IDENTITY, Loss.SQUARED);
        ActivationPattern p = lin.pattern(new double[7], Datasets.threePointParabola());
        assertThat(p.isOpen()).isTrue();
        assertThat(p.positiveCount()).isZero();
        assertThatThrownBy(() -> lin.risk(new double[6], Datasets.threePointParabola()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 7");
        assertThatThrownBy(() -> Dataset.of("bad", new double[][] {{1}, {Double.NaN}}, new double[][] {{1}, {2}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[1][0]");
    }

    static Dataset randomData(long seed, int n, int dx, int dy, Loss loss) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][dx];
        double[][] y = new double[n][dy];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < dx; c++) {
                x[i][c] = r.nextGaussian();
            }
            if (loss == Loss.CROSS_ENTROPY) {
                y[i][r.nextInt(dy)] = 1;
            } else {
                for (int k = 0; k < dy; k++) {
                    y[i][k] = r.nextGaussian();
                }
            }
        }
        return Dataset.of("random", x, y);
    }

    /** A random θ at least 1e−3 away from every kink, so finite differences stay in one cell. */
    static double[] randomTheta(Network net, Dataset d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        while (true) {
            double[] t = new double[net.parameterCount()];
            for (int k = 0; k < t.length; k++) {
                t[k] = r.nextGaussian() * 0.8;
            }
            if (net.pattern(t, d).minAbsPreactivation() > 1e-3) {
                return t;
            }
        }
    }

    static double[] randomVector(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = r.nextGaussian();
        }
        return v;
    }

    static double[] unit(int n, int k) {
        double[] e = new double[n];
        e[k] = 1;
        return e;
    }
}
