package org.losslab.comparison;

/**
 * One row of view {@code v_kac_rice} (science.md §B.8 item 4, §C.3 item 6 (ii)): the Monte Carlo mean
 * number {@code E Crt_{N,k}} of index-k critical points of the p-spin at size N with rank-one perturbation
 * strength θ (0 = none), its standard error and sample count. {@code logMean} is {@code ln mean}
 * (read directly when the view has a {@code log_mean} column, since the mean overflows for large N).
 */
public record KacRiceRow(int p, int n, double theta, int k, double logMean, double se, long samples) {

    /** {@code (1/N) ln E Crt_{N,k}}, which tends to {@code Θ_{k,p}} as N grows. */
    public double complexity() {
        return logMean / n;
    }

    String canonical() {
        return p + "\t" + n + "\t" + theta + "\t" + k + "\t" + logMean + "\t" + se + "\t" + samples;
    }
}
