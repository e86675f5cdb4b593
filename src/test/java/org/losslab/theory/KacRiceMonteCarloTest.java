package org.losslab.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.losslab.theory.LogMeanAccumulator.LogMean;

/** Finite-N Kac–Rice identity of science.md §B.2 by Monte Carlo: checks G12, G13, G14, G16. */
class KacRiceMonteCarloTest {

    @Test
    void g12TwoSpinCountsAreExact() {
        for (int n : new int[] {2, 5, 9}) {
            KacRiceEstimate e = new KacRiceMonteCarlo(2, n, null, null).estimate(200, 1);
            // every weight is exp(0) = 1, so the estimator has no variance: 0.1% holds with any sample count
            assertThat(e.total().mean()).isCloseTo(2.0 * n, within(2.0 * n * 1e-12));
            assertThat(e.total().se()).isZero();
            for (int k = 0; k < n; k++) {
                assertThat(e.index(k).mean()).isCloseTo(2.0, within(2e-12));
            }
        }
    }

    @Test
    void g12HoldsUnderTheRankOnePerturbationToo() {
        KacRiceEstimate e = new KacRiceMonteCarlo(2, 6, null, 3.0).estimate(50, 1);
        assertThat(e.total().mean()).isCloseTo(12.0, within(1e-10));
    }

    @Test
    void g13TwoDimensionalCountsMatchDraismaHorobet() {
        for (int p = 3; p <= 5; p++) {
            KacRiceEstimate e = new KacRiceMonteCarlo(p, 2, null, null).estimate(2_000_000, 13);
            double exact = 2 * Math.sqrt(3.0 * p - 2.0);
            // 2M samples: SE ≈ 0.01%, so the 0.1% tolerance is about 8–10 SE and robust
            assertThat(e.total().mean()).as("p=%d", p).isCloseTo(exact, within(1e-3 * exact));
            assertThat(Math.abs(e.total().mean() - exact)).isLessThan(4 * e.total().se());
        }
    }

    @Test
    void g14FourDimensionalTableOfSectionB7() {
        KacRiceEstimate e = new KacRiceMonteCarlo(3, 4, null, null).estimate(400_000, 14);
        assertWithin(e.total(), 18.7906, 0.0016);
        assertWithin(e.index(0), 3.5793, 0.0010);
        assertWithin(e.index(1), 5.8158, 0.0006);
        assertWithin(e.index(2), 5.8155, 0.0006);
        assertWithin(e.index(3), 3.5800, 0.0010);
    }

    /** Within 3 combined SE and within 0.3% of the reference (science.md §E.1, G14). */
    private static void assertWithin(LogMean estimate, double reference, double referenceSe) {
        double combined = Math.hypot(estimate.se(), referenceSe);
        assertThat(estimate.mean()).isCloseTo(reference, within(3 * combined));
        assertThat(estimate.mean()).isCloseTo(reference, within(3e-3 * reference));
    }

    @Test
    void belowTheEdgeThereAreFewCriticalPointsAtN4() {
        KacRiceEstimate e = new KacRiceMonteCarlo(3, 4, -SpinGlassComplexity.eInf(3), null).estimate(1_000_000, 3);
        // science.md §B.7 quotes 0.135 to three digits; 2M samples here give 0.1340 ± 0.0003
        assertThat(e.total().mean()).isCloseTo(0.135, within(Math.max(3 * e.total().se(), 0.015 * 0.135)));
        assertThat(e.index(0).mean()).isGreaterThan(e.index(1).mean());
    }

    @Test
    void g16IndexSymmetryForOddP() {
        for (int p : new int[] {3, 5}) {
            for (int n : new int[] {4, 5}) {
                KacRiceEstimate e = new KacRiceMonteCarlo(p, n, null, null).estimate(200_000, 16);
                for (int k = 0; k < n; k++) {
                    LogMean a = e.index(k);
                    LogMean b = e.index(n - 1 - k);
                    // the two estimates share samples, so their difference has at most 2 SE of spread
                    assertThat(a.mean()).as("p=%d N=%d k=%d", p, n, k).isCloseTo(b.mean(), within(4 * (a.se() + b.se())));
                }
            }
        }
    }

    @Test
    void sameSeedSameBitsAndRangesMergeExactly() {
        KacRiceMonteCarlo mc = new KacRiceMonteCarlo(3, 6, -1.5, 0.4);
        KacRiceEstimate whole = mc.estimate(3000, 99);
        KacRiceMonteCarlo.Accumulator a = mc.accumulate(99, 0, 1200);
        KacRiceMonteCarlo.Accumulator b = mc.restore(mc.accumulate(99, 1200, 3000).toArray());
        a.merge(b);
        KacRiceEstimate merged = a.toEstimate();
        assertThat(merged.total().mean()).isCloseTo(whole.total().mean(), within(1e-12 * whole.total().mean()));
        assertThat(mc.estimate(3000, 99).total().mean()).isEqualTo(whole.total().mean());
        assertThat(mc.estimate(3000, 98).total().mean()).isNotEqualTo(whole.total().mean());
    }

    @Test
    void largeNStaysFiniteInLogSpace() {
        // p = 20 overflows at N = 600 already (½ ln 19 · 600 ≈ 884 > 709), with eigenvalues far cheaper than at N ≈ 2000
        KacRiceEstimate e = new KacRiceMonteCarlo(20, 600, null, null).estimate(2, 5);
        assertThat(e.total().logMean()).isFinite().isGreaterThan(709);
        assertThat(e.total().mean()).isInfinite();
        // (1/N) log E Crt_N(R) is Θ_20(∞) = ½ ln 19 up to the O(log N / N) prefactor
        assertThat(e.total().logMean() / 600).isCloseTo(0.5 * Math.log(19), within(0.015));
        assertThat(e.index(0).logMean()).isFinite();
    }

    @Test
    void badArguments() {
        assertThatThrownBy(() -> new KacRiceMonteCarlo(1, 4, null, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("p");
        assertThatThrownBy(() -> new KacRiceMonteCarlo(3, 1, null, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("N");
        assertThatThrownBy(() -> new KacRiceMonteCarlo(3, 4, Double.NaN, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("u");
        assertThatThrownBy(() -> new KacRiceMonteCarlo(3, 4, null, null).estimate(0, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("samples");
    }
}
