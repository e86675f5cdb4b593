package org.losslab.theory;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.losslab.Seeds;

/**
 * Finite-N expected numbers of critical points of the spherical p-spin model from ABC's exact Kac–Rice
 * identity (science.md §B.2, recipe §B.8 item 4):
 * {@code E Crt_{N,k}(B) = 2√(2/p)(p−1)^{N/2} E_GOE[exp(−N(p−2)/(2p) λ_k²) 1{λ_k ∈ √(p/(2(p−1))) B}]},
 * with B = (−∞, u] or all of R, and the total as the sum over k. Everything is done in log space
 * ({@link LogMeanAccumulator}) because the prefactor overflows near N ≈ 2000 for p = 3.
 *
 * <p>With {@code theta ≠ 0} the same functional is evaluated on the spectrum of {@code GOE + θ v vᵀ},
 * {@code v = (1,…,1)/√N} (science.md §C.3 (ii), a [DEFAULT] model extension): this is the finite-N analogue
 * of the activation-perturbed count, not an identity proved for it; θ = 0 gives ABC's exact identity.
 *
 * <p>Sample i draws its GOE from {@code SplittableRandom(Seeds.derive(seed, "kac-rice-goe", N, i))}, so
 * any range of samples can be computed on its own and merged, with the same result bits as one run.
 */
public final class KacRiceMonteCarlo {

    private final int p;
    private final int n;
    private final double lambdaMax;
    private final double theta;
    private final double logPrefactor;
    private final double exponent;

    /**
     * @param uMax upper end of B = (−∞, uMax] in energy-density units, or null for B = R
     * @param theta rank-one spike strength, or null for none (the exact ABC identity)
     */
    public KacRiceMonteCarlo(int p, int n, Double uMax, Double theta) {
        SpinGlassComplexity.checkP(p);
        if (n < 2) {
            throw new IllegalArgumentException("N must be >= 2 (dimension of the sphere's ambient space), got " + n);
        }
        if (uMax != null && !Double.isFinite(uMax)) {
            throw new IllegalArgumentException("u must be finite (or absent for all energies), got " + uMax);
        }
        if (theta != null && !Double.isFinite(theta)) {
            throw new IllegalArgumentException("theta must be finite (or absent for no perturbation), got " + theta);
        }
        this.p = p;
        this.n = n;
        this.lambdaMax = uMax == null ? Double.POSITIVE_INFINITY : Math.sqrt(p / (2.0 * (p - 1.0))) * uMax;
        this.theta = theta == null ? 0.0 : theta;
        this.logPrefactor = Math.log(2.0 * Math.sqrt(2.0 / p)) + 0.5 * n * Math.log(p - 1.0);
        this.exponent = -n * (p - 2.0) / (2.0 * p);
    }

    /** Log of {@code 2√(2/p)(p−1)^{N/2}}. */
    public double logPrefactor() {
        return logPrefactor;
    }

    /** Runs samples {@code 0 … samples−1}. */
    public KacRiceEstimate estimate(long samples, long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be >= 1, got " + samples);
        }
        return accumulate(seed, 0, samples).toEstimate();
    }

    /** Runs the samples {@code from ≤ i < to} of the stream {@code seed}; merge ranges with {@link Accumulator#merge}. */
    public Accumulator accumulate(long seed, long from, long to) {
        Accumulator acc = new Accumulator();
        GoeSampler sampler = new GoeSampler(n);
        double[] logWeights = new double[n];
        for (long i = from; i < to; i++) {
            SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "kac-rice-goe", n, i));
            double[] lambda = sampler.sampleEigenvalues(rng, theta);
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                double l = lambda[k] <= lambdaMax ? exponent * lambda[k] * lambda[k] : Double.NEGATIVE_INFINITY;
                logWeights[k] = l;
                acc.perIndex[k].add(l);
                max = Math.max(max, l);
            }
            acc.total.add(max == Double.NEGATIVE_INFINITY ? max : max + Math.log(sumExp(logWeights, max)));
        }
        return acc;
    }

    /** Restores an accumulator from {@link Accumulator#toArray()} (same p, N, u and θ). */
    public Accumulator restore(double[] state) {
        if (state.length != 4 * (n + 1)) {
            throw new IllegalArgumentException("state must hold " + 4 * (n + 1) + " doubles for N=" + n + ", got " + state.length);
        }
        Accumulator acc = new Accumulator();
        acc.total.merge(LogMeanAccumulator.fromArray(Arrays.copyOfRange(state, 0, 4)));
        for (int k = 0; k < n; k++) {
            acc.perIndex[k].merge(LogMeanAccumulator.fromArray(Arrays.copyOfRange(state, 4 * (k + 1), 4 * (k + 2))));
        }
        return acc;
    }

    private static double sumExp(double[] logs, double max) {
        double s = 0.0;
        for (double l : logs) {
            s += Math.exp(l - max);
        }
        return s;
    }

    /** Partial sums over a range of samples; exportable as doubles for checkpoints. */
    public final class Accumulator {

        private final LogMeanAccumulator total = new LogMeanAccumulator();
        private final LogMeanAccumulator[] perIndex = new LogMeanAccumulator[n];

        private Accumulator() {
            for (int k = 0; k < n; k++) {
                perIndex[k] = new LogMeanAccumulator();
            }
        }

        public void merge(Accumulator other) {
            total.merge(other.total);
            for (int k = 0; k < n; k++) {
                perIndex[k].merge(other.perIndex[k]);
            }
        }

        /** Exact state: 4 doubles for the total, then 4 per index k. */
        public double[] toArray() {
            double[] out = new double[4 * (n + 1)];
            System.arraycopy(total.toArray(), 0, out, 0, 4);
            for (int k = 0; k < n; k++) {
                System.arraycopy(perIndex[k].toArray(), 0, out, 4 * (k + 1), 4);
            }
            return out;
        }

        public KacRiceEstimate toEstimate() {
            LogMeanAccumulator.LogMean[] ks = new LogMeanAccumulator.LogMean[n];
            for (int k = 0; k < n; k++) {
                ks[k] = perIndex[k].result(logPrefactor);
            }
            return new KacRiceEstimate(p, n, total.count(), total.result(logPrefactor), ks);
        }
    }
}
