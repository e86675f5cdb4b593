package org.losslab.theory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** G20 of science.md §E.1: a rank-one perturbation moves the index by at most one (§C.3 (iii)). */
class RankOneInterlacingTest {

    @Test
    void g20IndexMovesByAtMostOneOverTenThousandTrials() {
        SplittableRandom rng = new SplittableRandom(20);
        int[] histogram = new int[3];
        for (int trial = 0; trial < 10_000; trial++) {
            int n = 2 + rng.nextInt(11);
            GoeSampler goe = new GoeSampler(n);
            double[][] m = goe.sample(rng);
            double theta = 3 * rng.nextGaussian();
            double x = -2 + 4 * rng.nextDouble();
            double[] v = trial % 2 == 0 ? null : randomUnit(rng, n);
            int change = new RankOneInterlacing(n).indexChange(m, theta, v, x);
            assertThat(change).isBetween(-1, 1);
            // sharper: a positive spike can only remove a negative direction, a negative one only add one
            if (theta > 0) {
                assertThat(change).isLessThanOrEqualTo(0);
            } else {
                assertThat(change).isGreaterThanOrEqualTo(0);
            }
            histogram[change + 1]++;
        }
        // the check is not vacuous: the index really changes in a fair share of the trials
        assertThat(histogram[0]).isGreaterThan(500);
        assertThat(histogram[2]).isGreaterThan(500);
    }

    @Test
    void goeHasTheNormalizationOfSection1() {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 50;
        GoeSampler goe = new GoeSampler(n);
        double off = 0;
        double diag = 0;
        double edge = 0;
        int reps = 400;
        for (int r = 0; r < reps; r++) {
            double[][] m = goe.sample(rng);
            off += m[0][1] * m[0][1];
            diag += m[2][2] * m[2][2];
            edge += goe.eigenvalues(m, 0.0, null)[0];
        }
        assertThat(off / reps).isCloseTo(1.0 / (2 * n), org.assertj.core.api.Assertions.within(0.25 / (2 * n)));
        assertThat(diag / reps).isCloseTo(1.0 / n, org.assertj.core.api.Assertions.within(0.25 / n));
        assertThat(edge / reps).isCloseTo(-Math.sqrt(2), org.assertj.core.api.Assertions.within(0.1));
    }

    private static double[] randomUnit(SplittableRandom rng, int n) {
        double[] v = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
            s += v[i] * v[i];
        }
        for (int i = 0; i < n; i++) {
            v[i] /= Math.sqrt(s);
        }
        return v;
    }
}
