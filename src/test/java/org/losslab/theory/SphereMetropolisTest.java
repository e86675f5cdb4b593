package org.losslab.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The Metropolis chains of the spin-glass annealing: energies, proposal, stationary law, T = 0. */
class SphereMetropolisTest {

    @Test
    void energiesAgreeWithTheScalarHamiltonian() {
        int n = 6;
        try (ThreeSpinCouplings x = ThreeSpinCouplings.generate(n, 1, 3);
                SphereMetropolis chains = new SphereMetropolis(x, 5, 10, 4)) {
            SphericalPSpin h = new SphericalPSpin(3, n, x.full().reshape(n * n * n).toDoubleVector());
            for (int k = 0; k < 20; k++) {
                chains.step(1.0, 0.3);
            }
            for (int row = 0; row < 4; row++) {
                double[] w = java.util.Arrays.copyOfRange(chains.points(), row * n, (row + 1) * n);
                assertThat(SphericalPSpin.dot(w, w)).isCloseTo(n, within(1e-10));
                assertThat(chains.hamiltonian()[row]).isCloseTo(h.energy(w), within(1e-12));
            }
        }
    }

    @Test
    void proposalIsAGaussianTangentStepOfTheStatedSize() {
        // at T = ∞ every proposal is accepted, so consecutive points are (w, w'); tan∠(w, w') = s‖ξ_T‖/√N with
        // ‖ξ_T‖² ~ χ²_{N−1} (mean N−1, variance 2(N−1)). Symmetry itself is checked through its consequence, the
        // stationary law, in the next test.
        int n = 5;
        int chains = 200;
        double s = 0.2;
        try (ThreeSpinCouplings x = ThreeSpinCouplings.generate(n, 1, 4);
                SphereMetropolis m = new SphereMetropolis(x, 6, 0, chains)) {
            double sum = 0;
            double sumSquares = 0;
            int count = 0;
            for (int k = 0; k < 50; k++) {
                double[] before = m.points().clone();
                m.step(Double.POSITIVE_INFINITY, s);
                for (int row = 0; row < chains; row++) {
                    double[] w = java.util.Arrays.copyOfRange(before, row * n, (row + 1) * n);
                    double[] w2 = java.util.Arrays.copyOfRange(m.points(), row * n, (row + 1) * n);
                    double cos = SphericalPSpin.dot(w, w2) / n;
                    assertThat(cos).isPositive(); // the retraction of a tangent step stays in w's hemisphere
                    double chi2 = n * (1 - cos * cos) / (cos * cos) / (s * s); // ‖ξ_T‖² = N·tan²θ/s²
                    sum += chi2;
                    sumSquares += chi2 * chi2;
                    count++;
                }
            }
            assertThat(m.accepted(0)).isEqualTo(50);
            double mean = sum / count;
            double variance = sumSquares / count - mean * mean;
            assertThat(mean).isCloseTo(n - 1, within(4 * Math.sqrt(2.0 * (n - 1) / count)));
            assertThat(variance).isCloseTo(2.0 * (n - 1), within(0.15 * 2 * (n - 1)));
        }
    }

    @Test
    void chainsSampleTheGibbsMeasureAndTheCheckSeesAWrongTemperature() {
        int n = 3;
        double temperature = 1.0;
        try (ThreeSpinCouplings x = ThreeSpinCouplings.generate(n, 1, 21)) {
            SphericalPSpin h = new SphericalPSpin(3, n, x.full().reshape(n * n * n).toDoubleVector());
            double[] exact = gibbsMoments(h, temperature, 400_000, 9);
            double[][] right = chainMeans(x, temperature, 11);
            double[][] wrong = chainMeans(x, 1.5 * temperature, 12);
            for (int m = 0; m < 2; m++) {
                double z = zScore(right[m], exact[m], exact[m + 2]);
                System.out.printf("Gibbs N=3 T=1 moment %d: chains %.4f exact %.4f z %.2f; at T=1.5 z %.2f%n", m + 1,
                        mean(right[m]), exact[m], z, zScore(wrong[m], exact[m], exact[m + 2]));
                assertThat(Math.abs(z)).as("moment %d at the right temperature", m + 1).isLessThan(4);
            }
            assertThat(Math.abs(zScore(wrong[0], exact[0], exact[2]))).as("a wrong temperature is detected").isGreaterThan(6);
        }
    }

    /** Per chain, time averages of H and H² over 2000 steps after 300 steps of burn-in; 200 independent chains. */
    private static double[][] chainMeans(ThreeSpinCouplings x, double temperature, long seed) {
        int chains = 200;
        double[][] out = new double[2][chains];
        try (SphereMetropolis m = new SphereMetropolis(x, seed, 0, chains)) {
            for (int k = 0; k < 2300; k++) {
                m.step(temperature, 0.6);
                if (k >= 300) {
                    for (int row = 0; row < chains; row++) {
                        double e = m.hamiltonian()[row];
                        out[0][row] += e / 2000;
                        out[1][row] += e * e / 2000;
                    }
                }
            }
        }
        return out;
    }

    /** {E H, E H², se(E H), se(E H²)} under exp(−H/T) on the sphere, by importance-weighting uniform points. */
    private static double[] gibbsMoments(SphericalPSpin h, double temperature, int points, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = h.n();
        double[] e = new double[points];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < points; i++) {
            double[] w = new double[n];
            for (int j = 0; j < n; j++) {
                w[j] = rng.nextGaussian();
            }
            double f = Math.sqrt(n / SphericalPSpin.dot(w, w));
            for (int j = 0; j < n; j++) {
                w[j] *= f;
            }
            e[i] = h.energy(w);
            max = Math.max(max, -e[i] / temperature);
        }
        double[] out = new double[4];
        for (int m = 1; m <= 2; m++) {
            double sw = 0;
            double swf = 0;
            double sww = 0;
            double swwff = 0;
            double swwf = 0;
            for (double v : e) {
                double wt = Math.exp(-v / temperature - max);
                double fv = Math.pow(v, m);
                sw += wt;
                swf += wt * fv;
                sww += wt * wt;
                swwf += wt * wt * fv;
                swwff += wt * wt * fv * fv;
            }
            double est = swf / sw;
            // delta-method variance of a ratio estimator: Σ w²(f − est)² / (Σ w)²
            double var = (swwff - 2 * est * swwf + est * est * sww) / (sw * sw);
            out[m - 1] = est;
            out[m + 1] = Math.sqrt(var);
        }
        return out;
    }

    private static double zScore(double[] chainMeans, double exact, double exactSe) {
        double mean = mean(chainMeans);
        double ss = 0;
        for (double v : chainMeans) {
            ss += (v - mean) * (v - mean);
        }
        double se = Math.sqrt(ss / (chainMeans.length - 1) / chainMeans.length);
        return (mean - exact) / Math.hypot(se, exactSe);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    @Test
    void atZeroTemperatureNoMoveGoesUphill() {
        int n = 20;
        try (ThreeSpinCouplings x = ThreeSpinCouplings.generate(n, 1, 7);
                SphereMetropolis m = new SphereMetropolis(x, 8, 0, 6)) {
            double[] last = m.hamiltonian().clone();
            long accepted = 0;
            for (int k = 0; k < 200; k++) {
                m.step(0.0, 0.05);
                for (int row = 0; row < 6; row++) {
                    assertThat(m.hamiltonian()[row]).isLessThanOrEqualTo(last[row]);
                    last[row] = m.hamiltonian()[row];
                }
            }
            for (int row = 0; row < 6; row++) {
                accepted += m.accepted(row);
            }
            assertThat(accepted).as("downhill moves exist and are taken").isPositive();
        }
    }
}
