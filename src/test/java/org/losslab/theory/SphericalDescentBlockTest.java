package org.losslab.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The vectorized 3-spin descent of science.md §A.5.1: correctness, G17 (qualitative), resume, memory. */
class SphericalDescentBlockTest {

    @Test
    void blockAgreesWithTheScalarHamiltonian() {
        int n = 7;
        try (ThreeSpinCouplings x = ThreeSpinCouplings.generate(n, 1, 5);
                SphericalDescentBlock block = new SphericalDescentBlock(x, DescentSettings.gd(5000), 9, 0, 3)) {
            SphericalPSpin h = new SphericalPSpin(3, n, x.full().reshape(n * n * n).toDoubleVector());
            block.advance(5000);
            List<DescentOutcome> out = block.outcomes(true);
            double[] w = block.weights();
            for (int row = 0; row < 3; row++) {
                double[] s = java.util.Arrays.copyOfRange(w, row * n, (row + 1) * n);
                assertThat(SphericalPSpin.dot(s, s)).isCloseTo(n, within(1e-10));
                assertThat(out.get(row).energy()).isCloseTo(h.energy(s) / n, within(1e-12));
                double[] g = h.riemannianGradient(s);
                assertThat(out.get(row).gradientNorm()).isCloseTo(Math.sqrt(SphericalPSpin.dot(g, g)), within(1e-12));
                assertThat(out.get(row).converged()).isTrue();
                assertThat(out.get(row).index()).isEqualTo(h.index(s));
            }
        }
    }

    /** A descent stopped at its step cap above the tolerance is not converged, and its index is not claimed. */
    @Test
    void cappedDescentsAreNotConvergedAndHaveNoIndex() {
        int n = 7;
        try (ThreeSpinCouplings x = ThreeSpinCouplings.generate(n, 1, 5);
                SphericalDescentBlock block = new SphericalDescentBlock(x, DescentSettings.gd(3), 9, 0, 3)) {
            block.advance(3);
            assertThat(block.isFinished()).isTrue();
            for (DescentOutcome o : block.outcomes(true)) {
                assertThat(o.gradientNorm()).isGreaterThan(0.01);
                assertThat(o.converged()).isFalse();
                assertThat(o.index()).isEqualTo(-1);
                assertThat(o.steps()).isEqualTo(3);
            }
        }
    }

    @Test
    void couplingsHaveTheLawOfSection1() {
        // J i.i.d. N(0,1) over ordered triples ⇒ J_sym is symmetric with variance 1/m on an orbit of m orderings
        int n = 30;
        try (ThreeSpinCouplings x = ThreeSpinCouplings.generate(n, 2, 11)) {
            double[] j = x.full().reshape(n * n * n).toDoubleVector();
            double[] sum2 = new double[7];
            int[] count = new int[7];
            for (int a = 0; a < n; a++) {
                for (int b = a; b < n; b++) {
                    for (int c = b; c < n; c++) {
                        double v = j[(a * n + b) * n + c];
                        assertThat(j[(c * n + a) * n + b]).isEqualTo(v);
                        assertThat(j[(b * n + c) * n + a]).isEqualTo(v);
                        assertThat(j[(a * n + c) * n + b]).isEqualTo(v);
                        int m = a == c ? 1 : (a == b || b == c) ? 3 : 6;
                        sum2[m] += v * v;
                        count[m]++;
                    }
                }
            }
            assertThat(sum2[6] / count[6]).isCloseTo(1.0 / 6, within(0.1 / 6));   // 4060 orbits
            assertThat(sum2[3] / count[3]).isCloseTo(1.0 / 3, within(0.2 / 3));   // 870 orbits
            assertThat(sum2[1] / count[1]).isCloseTo(1.0, within(0.7));           // 30 orbits
        }
    }

    @Test
    void miniBatchesSumToTheFullTensor() {
        try (ThreeSpinCouplings x = ThreeSpinCouplings.generate(5, 4, 2)) {
            var sum = x.part(0).dup();
            for (int s = 1; s < 4; s++) {
                sum.addi(x.part(s));
            }
            assertThat(sum.sub(x.full()).amaxNumber().doubleValue()).isLessThan(1e-12);
        }
    }

    @Test
    void g17GdConcentratesInOrJustAboveTheBand() {
        // one disorder sample per N as in G17; N = 50 can still end above −1.50 (finite size), so the band
        // condition is checked at N = 100 (observed: −1.54 here, −1.54…−1.57 over three seeds)
        int[] sizes = {25, 50, 100};
        double[] sd = new double[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            int n = sizes[i];
            try (ThreeSpinCouplings x = ThreeSpinCouplings.generate(n, 1, 17);
                    SphericalDescentBlock block = new SphericalDescentBlock(x, DescentSettings.gd(1000), 17, 0, 24)) {
                while (block.advance(500) > 0) {
                    // the caller would checkpoint here
                }
                List<DescentOutcome> out = block.outcomes(n <= 50);
                double mean = out.stream().mapToDouble(DescentOutcome::energy).average().orElseThrow();
                double var = out.stream().mapToDouble(o -> (o.energy() - mean) * (o.energy() - mean)).sum() / (out.size() - 1);
                sd[i] = Math.sqrt(var);
                System.out.printf("G17 N=%d mean u %.4f sd %.4f max steps %d%n", n, mean, sd[i],
                        out.stream().mapToLong(DescentOutcome::steps).max().orElseThrow());
                if (n >= 100) {
                    assertThat(mean).as("mean u at N=%d", n).isBetween(-1.66, -1.50);
                }
                if (n <= 50) {
                    long minima = out.stream().filter(o -> o.index() == 0).count();
                    assertThat(minima).as("GD ends at minima").isGreaterThanOrEqualTo(out.size() - 2);
                }
            }
        }
        assertThat(sd[1]).isLessThan(sd[0]);
        assertThat(sd[2]).isLessThan(sd[1]);
    }

    @Test
    void stopRestoreContinueIsBitIdentical() {
        DescentSettings settings = new DescentSettings(DescentSettings.Method.SGD, 3, 4, 0.3, 0.0015, 10, 0.2, 0.0015, 0.2, 0.01, 0);
        try (ThreeSpinCouplings x = ThreeSpinCouplings.generate(12, 3, 8)) {
            double[] uninterrupted;
            try (SphericalDescentBlock a = new SphericalDescentBlock(x, settings, 3, 100, 5)) {
                while (a.advance(7) > 0) {
                    // run to the end in units of 7
                }
                assertThat(a.step()).isEqualTo(settings.totalSteps());
                uninterrupted = a.exportState();
            }
            double[] checkpoint;
            try (SphericalDescentBlock b = new SphericalDescentBlock(x, settings, 3, 100, 5)) {
                b.advance(9); // stops inside the SGD phase
                checkpoint = b.exportState();
            }
            try (SphericalDescentBlock c = new SphericalDescentBlock(x, settings, 3, 100, 5)) {
                c.importState(checkpoint);
                assertThat(c.step()).isEqualTo(9);
                while (c.advance(4) > 0) {
                    // continue in other units
                }
                assertThat(c.exportState()).isEqualTo(uninterrupted);
            }
        }
    }

    @Test
    void gdResumeKeepsStoppedRestarts() {
        try (ThreeSpinCouplings x = ThreeSpinCouplings.generate(10, 1, 4)) {
            double[] whole;
            try (SphericalDescentBlock a = new SphericalDescentBlock(x, DescentSettings.gd(400), 1, 0, 4)) {
                a.advance(400);
                whole = a.exportState();
            }
            try (SphericalDescentBlock b = new SphericalDescentBlock(x, DescentSettings.gd(400), 1, 0, 4);
                    SphericalDescentBlock c = new SphericalDescentBlock(x, DescentSettings.gd(400), 1, 0, 4)) {
                b.advance(123);
                c.importState(b.exportState());
                c.advance(400);
                assertThat(c.exportState()).isEqualTo(whole);
            }
        }
    }

    @Test
    void sgdScheduleFollowsSgdLua() {
        DescentSettings s = DescentSettings.sgd(4);
        assertThat(s.totalSteps()).isEqualTo(500 * 4 + 1000);
        assertThat(s.miniBatch(1)).isZero();
        assertThat(s.miniBatch(6)).isEqualTo(1);
        assertThat(s.miniBatch(2000)).isEqualTo(3);
        assertThat(s.miniBatch(2001)).isEqualTo(-1);
        assertThat(s.rate(1)).isEqualTo(0.3 / 1.0015);
        assertThat(s.rate(2000)).isEqualTo(0.3 / (1 + 0.0015 * 2000));
        assertThat(s.rate(2001)).isEqualTo(0.2 / 1.0015);
        assertThat(DescentSettings.gd(10).rate(7)).isEqualTo(0.2);
    }

    @Test
    void memoryEstimateIsExplicit() {
        long n = 500;
        assertThat(ThreeSpinCouplings.bytesNeeded(500, 1)).isEqualTo(n * n * n * 8);
        assertThat(ThreeSpinCouplings.bytesNeeded(500, 4)).isEqualTo(5 * n * n * n * 8);
        assertThat(SphericalDescentBlock.bytesNeeded(500, 100)).isGreaterThanOrEqualTo(100 * n * n * 8);
        assertThat(SphericalDescentBlock.bytesNeeded(500, 100, DescentSettings.gd(10)))
                .isEqualTo(ThreeSpinCouplings.bytesNeeded(500, 1) + SphericalDescentBlock.bytesNeeded(500, 100));
    }

    @Test
    void badArguments() {
        assertThatThrownBy(() -> DescentSettings.sgd(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("samples");
        assertThatThrownBy(() -> ThreeSpinCouplings.generate(1, 1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("N");
        try (ThreeSpinCouplings x = ThreeSpinCouplings.generate(4, 1, 1)) {
            assertThatThrownBy(() -> new SphericalDescentBlock(x, DescentSettings.gd(1), 1, 0, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("restarts");
            assertThatThrownBy(() -> new SphericalDescentBlock(x, DescentSettings.sgd(2), 1, 0, 2))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("samples");
            try (SphericalDescentBlock b = new SphericalDescentBlock(x, DescentSettings.gd(1), 1, 0, 2)) {
                assertThatThrownBy(() -> b.importState(new double[3])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("state");
            }
        }
    }
}
