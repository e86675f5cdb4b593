package org.losslab.regions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** Statistics of lattice samples against hand-computed values (science.md §C.4). */
class LatticeSampleTest {

    @Test
    void ksDistanceHandComputed() {
        // T = 3, values {0, 1}: ρ̂ = 1/2, null CDF at 0,1,2,3 = 1/8, 1/2, 7/8, 1; empirical 1/2, 1/2, 1/2, 1
        // → |1/2 − 1/8| = 3/8 at x ∈ [0, 1/3), |1/2 − 7/8| = 3/8 at x ∈ [2/3, 1)
        LatticeSample s = new LatticeSample(3, new long[] {1, 0, 0, 1});
        assertThat(s.mean()).isEqualTo(0.5);
        assertThat(s.ksDistance()).isCloseTo(0.375, within(1e-15));
        // T = 2, values {0, 0.5, 0.5, 1}: exactly Binomial(2, 1/2)/2 → 0
        assertThat(new LatticeSample(2, new long[] {1, 2, 1}).ksDistance()).isCloseTo(0, within(1e-15));
        // T = 2, values {0, 0, 1, 1}: F = 1/2, 1/2, 1 vs G = 1/4, 3/4, 1 → 1/4
        assertThat(new LatticeSample(2, new long[] {2, 0, 2}).ksDistance()).isCloseTo(0.25, within(1e-15));
        // T = 4, values {1/4, 1/4, 1/4, 1}: ρ̂ = 7/16; G(0) = (9/16)^4 ≈ 0.1001; F(0) = 0 → jump at 1/4:
        double p = 7.0 / 16;
        double g0 = Math.pow(1 - p, 4);
        double g1 = g0 + 4 * p * Math.pow(1 - p, 3);
        double g2 = g1 + 6 * p * p * Math.pow(1 - p, 2);
        double g3 = g2 + 4 * p * p * p * (1 - p);
        double expected = Math.max(Math.max(g0, Math.abs(0.75 - g1)), Math.max(Math.abs(0.75 - g2), Math.abs(0.75 - g3)));
        assertThat(new LatticeSample(4, new long[] {0, 3, 0, 0, 1}).ksDistance()).isCloseTo(expected, within(1e-14));
    }

    @Test
    void degenerateNullsAndEmptySamples() {
        LatticeSample dead = new LatticeSample(5, new long[] {7, 0, 0, 0, 0, 0});
        assertThat(dead.mean()).isZero();
        assertThat(dead.ksDistance()).isZero();
        assertThat(dead.fractionZero()).isEqualTo(1.0);
        assertThat(dead.nullSd()).isZero();
        assertThat(dead.bimodalityCoefficient()).isNaN();
        assertThat(dead.kde(11).density()).containsOnly(Double.NaN);
        LatticeSample always = new LatticeSample(5, new long[] {0, 0, 0, 0, 0, 4});
        assertThat(always.mean()).isEqualTo(1.0);
        assertThat(always.ksDistance()).isZero();
        assertThat(always.fractionOne()).isEqualTo(1.0);
        assertThat(new LatticeSample(2, new long[] {0, 0, 0}).mean()).isNaN();
    }

    @Test
    void bimodalityCoefficientHandComputed() {
        // 50 zeros and 50 ones: g1 = 0, g2 = −2 → G2 = (101·(−2) + 6)·99/(98·97); BC = 1/(G2 + 3·99²/(98·97))
        LatticeSample split = new LatticeSample(1, new long[] {50, 50});
        double g2 = (101 * -2.0 + 6) * 99 / (98.0 * 97);
        assertThat(split.bimodalityCoefficient()).isCloseTo(1 / (g2 + 3 * 99.0 * 99 / (98.0 * 97)), within(1e-12));
        assertThat(split.bimodalityCoefficient()).isGreaterThan(5.0 / 9);
        // a binomial (unimodal, near normal) sample has BC near 1/3
        Random r = new Random(2);
        long[] h = new long[101];
        for (int i = 0; i < 20_000; i++) {
            int k = 0;
            for (int t = 0; t < 100; t++) {
                k += r.nextDouble() < 0.3 ? 1 : 0;
            }
            h[k]++;
        }
        assertThat(new LatticeSample(100, h).bimodalityCoefficient()).isCloseTo(1.0 / 3, within(0.02));
    }

    @Test
    void reflectedKdeIntegratesToOneOnTheUnitInterval() {
        Random r = new Random(4);
        long[] skewedToZero = new long[11];
        long[] bothEnds = {30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 20};
        long[] few = {0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0}; // m = 2: huge bandwidth, most mass reflected
        for (int i = 0; i < 500; i++) {
            skewedToZero[Math.min(10, (int) Math.abs(r.nextGaussian() * 2))]++;
        }
        for (long[] h : new long[][] {skewedToZero, bothEnds, few}) {
            KdeCurve c = new LatticeSample(10, h).kde(20_001);
            double integral = 0;
            for (int i = 1; i < c.x().length; i++) {
                integral += 0.5 * (c.density()[i] + c.density()[i - 1]) * (c.x()[i] - c.x()[i - 1]);
            }
            assertThat(c.bandwidth()).isPositive();
            assertThat(integral).as("mass on [0,1] of %s", java.util.Arrays.toString(h)).isCloseTo(1.0, within(1e-6));
        }
    }

    @Test
    void kdeUsesScottsBandwidthAndIsMirrorSymmetric() {
        // values {0, 1/2, 1}: sd (ddof 1) = 1/2, Scott h = 1/2 · 3^{-1/5}
        KdeCurve c = new LatticeSample(2, new long[] {1, 1, 1}).kde(101);
        assertThat(c.bandwidth()).isCloseTo(0.5 * Math.pow(3, -0.2), within(1e-15));
        KdeCurve a = new LatticeSample(4, new long[] {5, 3, 1, 0, 2}).kde(101);
        KdeCurve b = new LatticeSample(4, new long[] {2, 0, 1, 3, 5}).kde(101);
        for (int i = 0; i <= 100; i++) {
            assertThat(a.density()[i]).isCloseTo(b.density()[100 - i], within(1e-12));
        }
        // reflection makes the slope 0 at both ends: over a step of 1e-4 the change is second order
        // (about 1e-5 relative here; without reflection it would be about 4e-3)
        KdeCurve edge = new LatticeSample(10, new long[] {40, 30, 20, 10, 0, 0, 0, 0, 0, 0, 0}).kde(10_001);
        assertThat(Math.abs(edge.density()[1] - edge.density()[0])).isLessThan(1e-4 * edge.density()[0]);
        assertThat(Math.abs(edge.density()[10_000] - edge.density()[9_999])).isLessThan(1e-4 * edge.density()[0]);
    }

    @Test
    void poolingAddsHistogramsAndKeepsTheIntegerMean() {
        LatticeSample a = new LatticeSample(4, new long[] {1, 2, 0, 0, 1});
        LatticeSample b = new LatticeSample(4, new long[] {0, 0, 3, 0, 0});
        LatticeSample ab = a.plus(b);
        assertThat(ab.count()).isEqualTo(7);
        assertThat(ab.successes()).isEqualTo(2 + 4 + 6);
        assertThat(ab.mean()).isEqualTo(12.0 / 28);
    }
}
