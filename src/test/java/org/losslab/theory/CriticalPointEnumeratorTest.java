package org.losslab.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.losslab.Seeds;
import org.losslab.theory.CriticalPointEnumerator.CriticalPoint;
import org.losslab.theory.CriticalPointEnumerator.Enumeration;

/**
 * Brute-force enumeration at p = 3 against the Kac–Rice identity (science.md §B.2 (c)): G15 (counts), G16 (index
 * symmetry for odd p) and F13 (energy layering). σ ↦ −σ maps the critical points of a sample onto themselves, so for
 * odd p the counts of index k and N−1−k are equal in every sample, not only in expectation: tested without
 * mirroring (which would make it hold by construction), G16 checks that the enumeration misses no more points at
 * one end of the spectrum than at the other.
 */
class CriticalPointEnumeratorTest {

    private static final int N = 4;
    private static final int SAMPLES = 300;
    private static final int STARTS = 400; // without mirroring; the counts saturate at about 200 starts with it

    @Test
    void n4EnumerationAgreesWithKacRiceAndIsLayeredByIndex() {
        double eInf = SpinGlassComplexity.eInf(3);
        double[][] counts = new double[SAMPLES][N + 1];       // per index, then the total
        double[][] below = new double[SAMPLES][N + 1];        // the same for u ≤ −E_∞
        double[][] energySums = new double[SAMPLES][N];
        int late = 0; // samples whose last new point came from the second half of the starts
        for (int s = 0; s < SAMPLES; s++) {
            SphericalPSpin h = SphericalPSpin.sample(3, N, Seeds.derive(15, "couplings", s));
            Enumeration e = new CriticalPointEnumerator(h).enumerate(STARTS, s, false);
            if (e.lastNewStart() >= STARTS / 2) {
                late++;
            }
            for (CriticalPoint c : e.points()) {
                assertThat(SphericalPSpin.dot(c.sigma(), c.sigma())).isCloseTo(N, within(1e-9));
                assertThat(c.gradientNorm()).isLessThan(1e-8);
                double[] g = h.riemannianGradient(c.sigma());
                assertThat(c.gradientNorm()).isCloseTo(Math.sqrt(SphericalPSpin.dot(g, g)), within(1e-12));
                assertThat(c.index()).isEqualTo(h.index(c.sigma()));
                assertThat(c.energy()).isEqualTo(c.hamiltonian() / N);
                assertThat(c.smallestAbsEigenvalue()).as("non-degenerate").isGreaterThan(1e-6);
                counts[s][c.index()]++;
                counts[s][N]++;
                energySums[s][c.index()] += c.energy();
                if (c.energy() <= -eInf) {
                    below[s][c.index()]++;
                    below[s][N]++;
                }
            }
            assertThat(counts[s][0]).as("a continuous function on the sphere has a minimum").isPositive();
        }
        System.out.printf("N=4: %d of %d samples found a new point in the second half of the starts%n", late, SAMPLES);
        KacRiceEstimate kr = new KacRiceMonteCarlo(3, N, null, null).estimate(200_000, 15);
        System.out.printf("N=4 per sample: %.3f ± %.3f points (Kac-Rice %.3f), %.3f ± %.3f minima (Kac-Rice %.3f)%n",
                mean(column(counts, N)), se(column(counts, N)), kr.total().mean(), mean(column(counts, 0)),
                se(column(counts, 0)), kr.index(0).mean());
        assertAgrees(column(counts, N), kr.total(), "total");
        for (int k = 0; k < N; k++) {
            assertAgrees(column(counts, k), kr.index(k), "index " + k);
        }
        // G15's golden values (§E.1): 18.79 critical points, 3.58 minima
        assertThat(Math.abs(mean(column(counts, N)) - 18.79)).isLessThan(3 * se(column(counts, N)));
        assertThat(Math.abs(mean(column(counts, 0)) - 3.58)).isLessThan(3 * se(column(counts, 0)));
        // G16: Crt_k = Crt_{N−1−k} for odd p; the per-sample differences (missed points) average 0 within errors
        for (int k = 0; k < N / 2; k++) {
            double[] diff = new double[SAMPLES];
            for (int s = 0; s < SAMPLES; s++) {
                diff[s] = counts[s][k] - counts[s][N - 1 - k];
            }
            assertThat(Math.abs(mean(diff))).as("G16 k=%d", k).isLessThanOrEqualTo(3 * se(diff));
        }
        // F13: the mean energy of index-k points increases with k (ratio estimates, samples as clusters)
        double[] meanEnergy = new double[N];
        double[] meanSe = new double[N];
        for (int k = 0; k < N; k++) {
            double[] ratio = ratioEstimate(column(energySums, k), column(counts, k));
            meanEnergy[k] = ratio[0];
            meanSe[k] = ratio[1];
        }
        System.out.printf("N=4 mean u by index: %s ± %s%n", java.util.Arrays.toString(meanEnergy),
                java.util.Arrays.toString(meanSe));
        for (int k = 0; k + 1 < N; k++) {
            assertThat(meanEnergy[k + 1] - meanEnergy[k]).as("F13 k=%d", k).isGreaterThan(3 * Math.hypot(meanSe[k], meanSe[k + 1]));
        }
        // below −N·E_∞ the counts per index agree with Kac–Rice on B = (−∞, −E_∞]; minima dominate there
        KacRiceEstimate krBelow = new KacRiceMonteCarlo(3, N, -eInf, null).estimate(200_000, 16);
        assertAgrees(column(below, N), krBelow.total(), "total below -E_inf");
        assertAgrees(column(below, 0), krBelow.index(0), "minima below -E_inf");
        System.out.printf("N=4 below -E_inf: %.4f points (KR %.4f), minima %.4f (KR %.4f)%n", mean(column(below, N)),
                krBelow.total().mean(), mean(column(below, 0)), krBelow.index(0).mean());
        assertThat(mean(column(below, 0)) / mean(column(below, N))).as("share of minima below -E_inf").isGreaterThan(0.5);
    }

    @Test
    void mirroringFindsTheSamePointsWithHalfTheStartsAndResultsAreDeterministic() {
        for (int s = 0; s < 10; s++) {
            SphericalPSpin h = SphericalPSpin.sample(3, N, Seeds.derive(15, "couplings", s));
            Enumeration plain = new CriticalPointEnumerator(h).enumerate(STARTS, s, false);
            Enumeration mirrored = new CriticalPointEnumerator(h).enumerate(STARTS / 2, s, true);
            Enumeration again = new CriticalPointEnumerator(h).enumerate(STARTS / 2, s, true);
            assertThat(mirrored.points()).hasSameSizeAs(plain.points());
            for (int i = 0; i < plain.points().size(); i++) {
                CriticalPoint a = plain.points().get(i);
                CriticalPoint b = mirrored.points().get(i);
                assertThat(b.index()).isEqualTo(a.index());
                assertThat(b.hamiltonian()).isCloseTo(a.hamiltonian(), within(1e-9));
                assertThat(again.points().get(i).sigma()).isEqualTo(b.sigma());
                assertThat(again.points().get(i).hamiltonian()).isEqualTo(b.hamiltonian());
            }
            assertThat(again.lastNewStart()).isEqualTo(mirrored.lastNewStart());
            assertThat(again.converged()).isEqualTo(mirrored.converged()).isPositive().isLessThanOrEqualTo(STARTS / 2);
        }
    }

    @Test
    void lowestCriticalPointIsAMinimumAndHighestAMaximumAtN6() {
        SphericalPSpin h = SphericalPSpin.sample(3, 6, 42);
        List<CriticalPoint> points = new CriticalPointEnumerator(h).enumerate(800, 1);
        for (int i = 1; i < points.size(); i++) {
            assertThat(points.get(i).hamiltonian()).isGreaterThan(points.get(i - 1).hamiltonian());
        }
        assertThat(points.get(0).index()).isZero();
        assertThat(points.get(points.size() - 1).index()).isEqualTo(5);
        // mirroring maps index k to N−1−k, so with it the counts are symmetric per sample
        long minima = points.stream().filter(c -> c.index() == 0).count();
        long maxima = points.stream().filter(c -> c.index() == 5).count();
        assertThat(minima).isEqualTo(maxima);
    }

    @Test
    void badStarts() {
        CriticalPointEnumerator e = new CriticalPointEnumerator(SphericalPSpin.sample(3, 3, 1));
        assertThatThrownBy(() -> e.enumerate(0, 1, true)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("starts");
    }

    private static void assertAgrees(double[] perSample, LogMeanAccumulator.LogMean kr, String what) {
        double combined = Math.hypot(se(perSample), kr.se());
        assertThat(mean(perSample)).as(what).isCloseTo(kr.mean(), within(3 * combined));
    }

    private static double[] column(double[][] m, int c) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i][c];
        }
        return out;
    }

    private static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElseThrow();
    }

    private static double se(double[] v) {
        double m = mean(v);
        double ss = java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).sum();
        return Math.sqrt(ss / (v.length - 1) / v.length);
    }

    /** Σy/Σx and its linearised standard error with the samples as independent clusters. */
    private static double[] ratioEstimate(double[] y, double[] x) {
        double r = java.util.Arrays.stream(y).sum() / java.util.Arrays.stream(x).sum();
        double[] residual = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            residual[i] = y[i] - r * x[i];
        }
        return new double[] {r, se(residual) / mean(x)};
    }
}
