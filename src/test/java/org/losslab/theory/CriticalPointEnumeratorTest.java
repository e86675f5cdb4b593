package org.losslab.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.losslab.theory.CriticalPointEnumerator.CriticalPoint;

/** G15 of science.md §E.1: brute-force enumeration at p = 3, N = 4 against the Kac–Rice identity (§B.2 (c)). */
class CriticalPointEnumeratorTest {

    private static final int SAMPLES = 300;
    private static final int STARTS = 200; // counts saturate at about 200 starts (with ±σ mirroring)

    @Test
    void g15EnumerationAgreesWithKacRiceAtN4() {
        int n = 4;
        double[] sum = new double[n + 1];
        double[] sumSquares = new double[n + 1];
        for (int s = 0; s < SAMPLES; s++) {
            SphericalPSpin h = SphericalPSpin.sample(3, n, org.losslab.Seeds.derive(15, "couplings", s));
            List<CriticalPoint> points = new CriticalPointEnumerator(h).enumerate(STARTS, s);
            int[] counts = new int[n + 1];
            for (CriticalPoint c : points) {
                counts[c.index()]++;
                counts[n]++;
                assertThat(SphericalPSpin.dot(c.sigma(), c.sigma())).isCloseTo(n, within(1e-9));
                double[] g = h.riemannianGradient(c.sigma());
                assertThat(Math.sqrt(SphericalPSpin.dot(g, g))).isLessThan(1e-8);
            }
            assertThat(counts[0]).as("a continuous function on the sphere has a minimum").isPositive();
            for (int k = 0; k <= n; k++) {
                sum[k] += counts[k];
                sumSquares[k] += (double) counts[k] * counts[k];
            }
        }
        KacRiceEstimate kr = new KacRiceMonteCarlo(3, n, null, null).estimate(200_000, 15);
        assertAgrees(sum[n], sumSquares[n], kr.total().mean(), kr.total().se(), "total");
        assertAgrees(sum[0], sumSquares[0], kr.index(0).mean(), kr.index(0).se(), "minima");
        assertAgrees(sum[1], sumSquares[1], kr.index(1).mean(), kr.index(1).se(), "index 1");
        // golden values of G15
        assertThat(Math.abs(sum[n] / SAMPLES - 18.79)).isLessThan(3 * se(sum[n], sumSquares[n]));
        assertThat(Math.abs(sum[0] / SAMPLES - 3.58)).isLessThan(3 * se(sum[0], sumSquares[0]));
    }

    private static void assertAgrees(double sum, double sumSquares, double krMean, double krSe, String what) {
        double mean = sum / SAMPLES;
        double combined = Math.hypot(se(sum, sumSquares), krSe);
        assertThat(mean).as(what).isCloseTo(krMean, within(3 * combined));
    }

    private static double se(double sum, double sumSquares) {
        double mean = sum / SAMPLES;
        double variance = (sumSquares - SAMPLES * mean * mean) / (SAMPLES - 1);
        return Math.sqrt(variance / SAMPLES);
    }

    @Test
    void lowestCriticalPointIsAMinimumAndIndexGrowsWithEnergyOnAverage() {
        SphericalPSpin h = SphericalPSpin.sample(3, 6, 42);
        List<CriticalPoint> points = new CriticalPointEnumerator(h).enumerate(400, 1);
        CriticalPoint lowest = points.stream().min((a, b) -> Double.compare(a.energy(), b.energy())).orElseThrow();
        CriticalPoint highest = points.stream().max((a, b) -> Double.compare(a.energy(), b.energy())).orElseThrow();
        assertThat(lowest.index()).isZero();
        assertThat(highest.index()).isEqualTo(5);
        // odd p: σ ↦ −σ maps index k to N−1−k
        long minima = points.stream().filter(c -> c.index() == 0).count();
        long maxima = points.stream().filter(c -> c.index() == 5).count();
        assertThat(minima).isEqualTo(maxima);
    }
}
