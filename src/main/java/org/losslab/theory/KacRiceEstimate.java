package org.losslab.theory;

import org.losslab.theory.LogMeanAccumulator.LogMean;

/**
 * Monte Carlo estimate of {@code E Crt_N(B)} (total) and {@code E Crt_{N,k}(B)} for k = 0..N−1, each with
 * its standard error, kept as logarithms so that large N does not overflow (science.md §B.8 item 4).
 */
public record KacRiceEstimate(int p, int n, long samples, LogMean total, LogMean[] perIndex) {

    public LogMean index(int k) {
        return perIndex[k];
    }
}
