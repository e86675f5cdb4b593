package org.losslab.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Simulated annealing on the 3-spin sphere (F6): schedule, polish, band against descent, bit-identical resume. */
class SphericalAnnealingBlockTest {

    @Test
    void scheduleCoolsLinearlyToZeroWithAPositiveStep() {
        AnnealingSchedule s = new AnnealingSchedule(200, 2.0, 1.0, 100);
        assertThat(s.temperature(0)).isEqualTo(2.0);
        assertThat(s.temperature(100)).isEqualTo(1.0);
        assertThat(s.temperature(199)).isPositive();
        assertThat(s.temperature(200)).isZero();
        for (int k = 1; k <= 200; k++) {
            assertThat(s.temperature(k)).isLessThan(s.temperature(k - 1));
            assertThat(s.tangentStep(k, 50)).isPositive().isLessThanOrEqualTo(1.0 / Math.sqrt(50));
        }
        assertThat(s.tangentStep(200, 50)).isEqualTo(s.tangentStep(199, 50));
        assertThat(s.tangentStep(50, 50)).isEqualTo(Math.sqrt(150.0 / 200) / Math.sqrt(50));
        assertThat(s.polish()).isEqualTo(DescentSettings.gd(100));
    }

    @Test
    void annealingEndsAtConvergedCriticalPointsInTheBandOfDescent() {
        int n = 60;
        int restarts = 24;
        try (ThreeSpinCouplings x = ThreeSpinCouplings.generate(n, 1, 60)) {
            double[] gd;
            try (SphericalDescentBlock descent = new SphericalDescentBlock(x, DescentSettings.gd(5000), 60, 0, restarts)) {
                while (descent.advance(1000) > 0) {
                    // to the end
                }
                gd = descent.outcomes(false).stream().mapToDouble(DescentOutcome::energy).toArray();
            }
            List<AnnealingOutcome> out;
            long t0 = System.nanoTime();
            try (SphericalAnnealingBlock block = new SphericalAnnealingBlock(x, new AnnealingSchedule(2000, 2.0, 1.0, 5000),
                    60, 0, restarts)) {
                while (block.advance(500) > 0) {
                    // the caller would checkpoint here
                }
                out = block.outcomes(true);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double[] sa = out.stream().mapToDouble(AnnealingOutcome::energy).toArray();
            System.out.printf("F6 N=%d: GD mean u %.4f sd %.4f; annealing mean u %.4f sd %.4f (before polish %.4f), "
                            + "acceptance %.3f, polish steps max %d, minima %d/%d, %.1f s%n", n, mean(gd), sd(gd),
                    mean(sa), sd(sa), out.stream().mapToDouble(AnnealingOutcome::annealedEnergy).average().orElseThrow(),
                    out.stream().mapToDouble(AnnealingOutcome::acceptance).average().orElseThrow(),
                    out.stream().mapToLong(AnnealingOutcome::polishSteps).max().orElseThrow(),
                    out.stream().filter(o -> o.index() == 0).count(), restarts, seconds);
            for (AnnealingOutcome o : out) {
                assertThat(o.converged()).isTrue();
                assertThat(o.gradientNorm()).isLessThan(AnnealingSchedule.POLISH_TOLERANCE);
                assertThat(o.index()).isBetween(0, n - 1);
                assertThat(o.energy()).as("the polish descends").isLessThanOrEqualTo(o.annealedEnergy() + 1e-12);
                assertThat(o.acceptance()).isBetween(0.0, 1.0);
            }
            // sanity band: both near the threshold −E_∞ = −1.633; annealing not worse than descent beyond 3 SE
            assertThat(mean(sa)).isBetween(-1.75, -1.45);
            assertThat(mean(sa) - mean(gd)).isLessThan(3 * Math.hypot(sd(sa), sd(gd)) / Math.sqrt(restarts));
        }
    }

    @Test
    void notConvergedPolishReportsNoIndex() {
        try (ThreeSpinCouplings x = ThreeSpinCouplings.generate(30, 1, 2);
                SphericalAnnealingBlock block = new SphericalAnnealingBlock(x, new AnnealingSchedule(5, 2.0, 1.0, 0), 2, 0, 3)) {
            assertThat(block.advance(100)).isEqualTo(5);
            assertThat(block.isFinished()).isTrue();
            for (AnnealingOutcome o : block.outcomes(true)) {
                assertThat(o.converged()).isFalse();
                assertThat(o.index()).isEqualTo(-1);
                assertThat(o.energy()).isEqualTo(o.annealedEnergy(), org.assertj.core.api.Assertions.within(1e-12));
            }
        }
    }

    @Test
    void checkpointRestoreAtAnyChunkBoundaryIsBitIdentical() {
        AnnealingSchedule schedule = new AnnealingSchedule(40, 1.5, 1.0, 300);
        try (ThreeSpinCouplings x = ThreeSpinCouplings.generate(16, 2, 8)) {
            double[] straight;
            List<AnnealingOutcome> straightOut;
            try (SphericalAnnealingBlock a = new SphericalAnnealingBlock(x, schedule, 3, 100, 5)) {
                while (a.advance(1000) > 0) {
                    // uninterrupted
                }
                straight = a.exportState();
                straightOut = a.outcomes(true);
            }
            // inside the Metropolis phase, exactly at its end, just after, inside the polish
            for (int cut : new int[] {1, 17, 40, 41, 77}) {
                double[] checkpoint;
                try (SphericalAnnealingBlock b = new SphericalAnnealingBlock(x, schedule, 3, 100, 5)) {
                    assertThat(b.advance(cut)).isEqualTo(cut);
                    checkpoint = b.exportState();
                }
                try (SphericalAnnealingBlock c = new SphericalAnnealingBlock(x, schedule, 3, 100, 5)) {
                    c.importState(checkpoint);
                    assertThat(c.step()).isEqualTo(cut);
                    while (c.advance(7) > 0) {
                        // continue in other units
                    }
                    assertThat(c.exportState()).as("resumed after %d units", cut).isEqualTo(straight);
                    assertThat(c.outcomes(true)).isEqualTo(straightOut);
                }
            }
        }
    }

    @Test
    void badArguments() {
        assertThatThrownBy(() -> new AnnealingSchedule(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("steps");
        assertThatThrownBy(() -> new AnnealingSchedule(1, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperature");
        assertThatThrownBy(() -> new AnnealingSchedule(1, 1, Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step scale");
        assertThatThrownBy(() -> new AnnealingSchedule(1, 1, 1, -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("polish");
        AnnealingSchedule s = new AnnealingSchedule(3, 1, 1, 1);
        try (ThreeSpinCouplings x = ThreeSpinCouplings.generate(4, 1, 1)) {
            assertThatThrownBy(() -> new SphericalAnnealingBlock(x, s, 1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("restarts");
            try (SphericalAnnealingBlock b = new SphericalAnnealingBlock(x, s, 1, 0, 2)) {
                assertThatThrownBy(() -> b.outcomes(false)).isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(() -> b.importState(new double[5])).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("state");
                double[] state = b.exportState();
                state[3] = 1; // claims to be polishing at step 0
                assertThatThrownBy(() -> b.importState(state)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("phase");
            }
        }
        assertThat(SphericalAnnealingBlock.bytesNeeded(500, 100, 1))
                .isEqualTo(ThreeSpinCouplings.bytesNeeded(500, 1) + SphericalAnnealingBlock.bytesNeeded(500, 100));
    }

    private static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElseThrow();
    }

    private static double sd(double[] v) {
        double m = mean(v);
        return Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }
}
