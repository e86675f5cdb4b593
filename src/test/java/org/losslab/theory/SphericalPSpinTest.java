package org.losslab.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The Hamiltonian of science.md §1 and its derivatives (§B.8 item 5). */
class SphericalPSpinTest {

    @Test
    void gradientAndHessianMatchFiniteDifferences() {
        for (int p = 2; p <= 4; p++) {
            SphericalPSpin h = SphericalPSpin.sample(p, 5, 7 + p);
            double[] s = sphere(new SplittableRandom(p), 5);
            SphericalPSpin.Derivatives d = h.derivatives(s);
            double eps = 1e-5;
            for (int i = 0; i < 5; i++) {
                double[] plus = s.clone();
                double[] minus = s.clone();
                plus[i] += eps;
                minus[i] -= eps;
                assertThat(d.gradient()[i]).isCloseTo((h.energy(plus) - h.energy(minus)) / (2 * eps), within(1e-7));
                double[] gp = h.derivatives(plus).gradient();
                double[] gm = h.derivatives(minus).gradient();
                for (int j = 0; j < 5; j++) {
                    assertThat(d.hessian()[j][i]).isCloseTo((gp[j] - gm[j]) / (2 * eps), within(1e-6));
                }
            }
            assertThat(SphericalPSpin.dot(d.gradient(), s)).as("Euler: ∇H·σ = pH").isCloseTo(p * d.value(), within(1e-10));
        }
    }

    @Test
    void covarianceIsNTimesOverlapToThePowerP() {
        int n = 4;
        SplittableRandom rng = new SplittableRandom(3);
        double[] s = sphere(rng, n);
        double[] t = sphere(rng, n);
        double overlap = SphericalPSpin.dot(s, t) / n;
        int reps = 20_000;
        double cov = 0;
        double var = 0;
        for (int r = 0; r < reps; r++) {
            SphericalPSpin h = SphericalPSpin.sample(3, n, 1000 + r);
            double a = h.energy(s);
            cov += a * h.energy(t);
            var += a * a;
        }
        assertThat(var / reps).isCloseTo(n, within(0.05 * n));
        assertThat(cov / reps).isCloseTo(n * Math.pow(overlap, 3), within(0.05 * n));
    }

    @Test
    void oddPIsAntisymmetricAndTheTangentHessianIsSymmetric() {
        SphericalPSpin h = SphericalPSpin.sample(3, 6, 1);
        double[] s = sphere(new SplittableRandom(2), 6);
        double[] minus = new double[6];
        for (int i = 0; i < 6; i++) {
            minus[i] = -s[i];
        }
        assertThat(h.energy(minus)).isCloseTo(-h.energy(s), within(1e-12));
        double[][] r = h.riemannianHessian(s);
        assertThat(r.length).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                assertThat(r[i][j]).isCloseTo(r[j][i], within(1e-12));
            }
        }
        assertThat(SphericalPSpin.dot(h.riemannianGradient(s), s)).isCloseTo(0, within(1e-12));
    }

    @Test
    void tangentRestrictionKeepsTheSpectrumOnTheComplement() {
        // for a = diag(d) and σ = √N e_2 the tangent spectrum is d without d_2, shifted by −μ
        double[][] a = new double[4][4];
        double[] diag = {3, -1, 7, 0.5};
        for (int i = 0; i < 4; i++) {
            a[i][i] = diag[i];
        }
        double[] sigma = {0, 0, 2, 0};
        double[] ev = new SymmetricEigenvalues(3).sorted(TangentSpace.restrict(a, sigma, 1.0));
        assertThat(ev).containsExactly(new double[] {-2, -0.5, 2}, within(1e-12));
        assertThat(TangentSpace.index(a, sigma, 1.0)).isEqualTo(2);
    }

    @Test
    void badSizes() {
        assertThatThrownBy(() -> SphericalPSpin.sample(3, 1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("N");
        assertThatThrownBy(() -> SphericalPSpin.sample(3, 1000, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("N^p");
    }

    static double[] sphere(SplittableRandom rng, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
        }
        double f = Math.sqrt(n / SphericalPSpin.dot(x, x));
        for (int i = 0; i < n; i++) {
            x[i] *= f;
        }
        return x;
    }
}
