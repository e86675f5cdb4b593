package org.losslab.theory;

/**
 * Streaming mean and standard error of non-negative values given by their logarithms, so that values
 * far outside the double range (Kac–Rice weights times {@code (p−1)^{N/2}}, science.md §B.8 item 4) are
 * averaged without overflow or underflow. Keeps {@code S1 = Σ e^{l−c}} and {@code S2 = Σ e^{2(l−c)}}
 * relative to the running maximum c and rescales both when a larger value arrives.
 */
public final class LogMeanAccumulator {

    private long count;
    private double shift = Double.NEGATIVE_INFINITY;
    private double sum;
    private double sumSquares;

    /** Adds one value {@code e^{logValue}}; {@code logValue = −∞} adds a zero. */
    public void add(double logValue) {
        count++;
        if (logValue == Double.NEGATIVE_INFINITY) {
            return;
        }
        if (logValue > shift) {
            rescale(logValue);
        }
        double w = Math.exp(logValue - shift);
        sum += w;
        sumSquares += w * w;
    }

    /** Adds everything another accumulator has seen (for samples split into ranges). */
    public void merge(LogMeanAccumulator other) {
        count += other.count;
        if (other.shift == Double.NEGATIVE_INFINITY) {
            return;
        }
        if (other.shift > shift) {
            rescale(other.shift);
        }
        double f = Math.exp(other.shift - shift);
        sum += other.sum * f;
        sumSquares += other.sumSquares * f * f;
    }

    private void rescale(double newShift) {
        if (shift != Double.NEGATIVE_INFINITY) {
            double f = Math.exp(shift - newShift);
            sum *= f;
            sumSquares *= f * f;
        }
        shift = newShift;
    }

    public long count() {
        return count;
    }

    /** The estimate {@code offset + log(mean)} together with {@code offset + log(standard error)}. */
    public LogMean result(double logOffset) {
        if (count == 0 || shift == Double.NEGATIVE_INFINITY) {
            return new LogMean(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
        }
        double mean = sum / count;
        double logSe = Double.NEGATIVE_INFINITY;
        if (count > 1) {
            double variance = Math.max(sumSquares - sum * mean, 0.0) / (count - 1);
            logSe = 0.5 * Math.log(variance / count);
        }
        return new LogMean(logOffset + shift + Math.log(mean), logOffset + shift + logSe);
    }

    /** Exact state {count, shift, S1, S2} for checkpoints. */
    public double[] toArray() {
        return new double[] {count, shift, sum, sumSquares};
    }

    public static LogMeanAccumulator fromArray(double[] state) {
        LogMeanAccumulator acc = new LogMeanAccumulator();
        acc.count = (long) state[0];
        acc.shift = state[1];
        acc.sum = state[2];
        acc.sumSquares = state[3];
        return acc;
    }

    /** A positive quantity and its standard error, both as natural logarithms. */
    public record LogMean(double logMean, double logSe) {

        public double mean() {
            return Math.exp(logMean);
        }

        public double se() {
            return Math.exp(logSe);
        }
    }
}
