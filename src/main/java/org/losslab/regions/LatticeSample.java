package org.losslab.regions;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * A sample of fractions on the lattice {@code {k/T : k = 0..T}}, stored as a histogram:
 * {@code histogram[k]} samples equal {@code k/T}. Both §C.4 averagings are of this form: data
 * averaging (one sample per unit, T = n data) and neuron averaging (one sample per datum, T = n_ℓ
 * units). Under the binomial null each sample is {@code Binomial(T, ρ)/T}.
 *
 * <p>All moments are computed from the integer histogram, so the mean is
 * {@code (Σ k·h_k) / (T·m)}: for data and neuron averaging of the same layer both the numerator
 * (units × data in the piece) and the denominator (n·n_ℓ) are the same integers, and the two means
 * are bit-identical.
 */
public final class LatticeSample {

    private final int trials;
    private final long[] histogram;
    private final long count;
    private final long successes;

    public LatticeSample(int trials, long[] histogram) {
        if (trials < 0 || histogram.length != trials + 1) {
            throw new IllegalArgumentException("lattice sample: histogram needs trials + 1 = " + (trials + 1)
                    + " bins, got " + histogram.length);
        }
        this.trials = trials;
        this.histogram = histogram.clone();
        long m = 0;
        long s = 0;
        for (int k = 0; k <= trials; k++) {
            m += histogram[k];
            s = Math.addExact(s, Math.multiplyExact(histogram[k], (long) k));
        }
        this.count = m;
        this.successes = s;
    }

    /** Sample of two disjoint groups with the same number of trials (used to pool layers). */
    public LatticeSample plus(LatticeSample o) {
        if (o.trials != trials) {
            throw new IllegalArgumentException("cannot pool lattices with " + trials + " and " + o.trials + " trials");
        }
        long[] h = histogram.clone();
        for (int k = 0; k <= trials; k++) {
            h[k] += o.histogram[k];
        }
        return new LatticeSample(trials, h);
    }

    /** T: data for data averaging, units for neuron averaging. */
    public int trials() {
        return trials;
    }

    /** m: number of samples (units for data averaging, data for neuron averaging). */
    public long count() {
        return count;
    }

    /** Σ k·h_k: the number of (unit, datum) pairs in the piece. */
    public long successes() {
        return successes;
    }

    public long[] histogram() {
        return histogram.clone();
    }

    /** Sample mean ρ̂ (NaN when empty). */
    public double mean() {
        return count == 0 || trials == 0 ? Double.NaN : (double) successes / ((double) trials * (double) count);
    }

    /** Population standard deviation (divisor m), comparable with the binomial null sd. */
    public double sd() {
        return Math.sqrt(centralMoment(2));
    }

    /** Null sd {@code sqrt(ρ̂(1−ρ̂)/T)} of Binomial(T, ρ̂)/T. */
    public double nullSd() {
        double p = mean();
        return Math.sqrt(p * (1 - p) / trials);
    }

    /** Fraction of samples equal to 0 (data averaging: dead in this piece). */
    public double fractionZero() {
        return count == 0 ? Double.NaN : (double) histogram[0] / count;
    }

    /** Fraction of samples equal to 1 (data averaging: always in this piece). */
    public double fractionOne() {
        return count == 0 ? Double.NaN : (double) histogram[trials] / count;
    }

    /** Population central moment of order r (divisor m). */
    double centralMoment(int r) {
        if (count == 0) {
            return Double.NaN;
        }
        double mu = mean();
        double acc = 0;
        for (int k = 0; k <= trials; k++) {
            if (histogram[k] != 0) {
                acc += histogram[k] * Math.pow((double) k / trials - mu, r);
            }
        }
        return acc / count;
    }

    /**
     * Kolmogorov–Smirnov distance {@code sup_x |F_m(x) − G(x)|} between the empirical CDF F_m and
     * the CDF G of the null Binomial(T, ρ̂)/T, with ρ̂ the sample mean. Both are right-continuous step
     * functions that jump only on the lattice k/T, so they are constant on each [k/T, (k+1)/T) and
     * both are 0 below 0: the sup is attained on the lattice and equals, exactly,
     * {@code max_{k=0..T} |F_m(k/T) − G(k/T)|} (left limits at k/T are the values at (k−1)/T, already
     * included). No p-value is given: the KS null distribution does not apply to a discrete null with
     * an estimated parameter.
     */
    public double ksDistance() {
        if (count == 0) {
            return Double.NaN;
        }
        double p = mean();
        BinomialDistribution null0 = p > 0 && p < 1 ? new BinomialDistribution(null, trials, p) : null;
        long cumulative = 0;
        double max = 0;
        for (int k = 0; k <= trials; k++) {
            cumulative += histogram[k];
            double f = (double) cumulative / count;
            double g = null0 != null ? null0.cumulativeProbability(k) : (p <= 0 ? 1.0 : (k == trials ? 1.0 : 0.0));
            max = Math.max(max, Math.abs(f - g));
        }
        return max;
    }

    /**
     * Sarle's finite-sample bimodality coefficient {@code BC = (G1² + 1) / (G2 + 3(m−1)²/((m−2)(m−3)))}
     * with G1 the adjusted skewness and G2 the adjusted excess kurtosis; BC > 5/9 (the value of a
     * uniform distribution) suggests bimodality, ≈ 1/3 for a normal. NaN for m < 4 or zero variance.
     */
    public double bimodalityCoefficient() {
        double m = count;
        double m2 = centralMoment(2);
        if (count < 4 || !(m2 > 0)) {
            return Double.NaN;
        }
        double g1 = centralMoment(3) / Math.pow(m2, 1.5);
        double g2 = centralMoment(4) / (m2 * m2) - 3;
        double skew = g1 * Math.sqrt(m * (m - 1)) / (m - 2);
        double kurt = ((m + 1) * g2 + 6) * (m - 1) / ((m - 2) * (m - 3));
        return (skew * skew + 1) / (kurt + 3 * (m - 1) * (m - 1) / ((m - 2) * (m - 3)));
    }

    /** Reflected Gaussian KDE on [0, 1]; see {@link ReflectedKde}. */
    public KdeCurve kde(int gridPoints) {
        return ReflectedKde.estimate(this, gridPoints);
    }
}
