package org.losslab.hessian;

/**
 * A spectral density as equal-width bins over [lo, hi] (science.md §A.6): the fraction of the spectrum in
 * each bin, i.e. the point masses of {@link SpectralDensity} (exact eigenvalues with 1/P each, or SLQ Gauss
 * weights averaged over probes) summed per bin. Masses outside [lo, hi] go to the end bins, so the masses
 * always sum to 1. Bin b is [lo + b·w, lo + (b+1)·w), the last one closed.
 */
public final class SpectralHistogram {

    private SpectralHistogram() {
    }

    /** Rows {lo, hi, mass} of {@code bins} bins. */
    public static double[][] of(SpectralDensity density, double lo, double hi, int bins) {
        if (bins < 1 || !(hi >= lo) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("a histogram needs bins >= 1 over a finite range lo <= hi, got " + bins
                    + " over [" + lo + ", " + hi + "]");
        }
        if (hi == lo) {
            double pad = Math.max(Math.abs(lo), 1.0) * 1e-12;
            lo -= pad;
            hi += pad;
        }
        double width = (hi - lo) / bins;
        double[][] out = new double[bins][3];
        for (int b = 0; b < bins; b++) {
            out[b][0] = lo + b * width;
            out[b][1] = b == bins - 1 ? hi : lo + (b + 1) * width;
        }
        int probes = density.probes();
        for (int p = 0; p < probes; p++) {
            double[] nodes = density.nodes()[p];
            double[] weights = density.weights()[p];
            for (int k = 0; k < nodes.length; k++) {
                int b = (int) Math.floor((nodes[k] - lo) / width);
                out[Math.max(0, Math.min(bins - 1, b))][2] += weights[k] / probes;
            }
        }
        return out;
    }
}
