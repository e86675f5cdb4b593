package org.losslab.comparison;

/**
 * One row of view {@code v_enumeration_counts} (science.md §B.8 item 5): at size N, the mean number of index-k
 * critical points found per disorder sample and its standard error over the samples, the same for points with
 * u ≤ −E_∞, and Kac–Rice's expectations of both with their Monte Carlo standard errors.
 */
public record EnumerationCountRow(int n, int k, long samples, double meanCount, double seCount, double meanBelow,
                                  double seBelow, double expected, double expectedSe, double expectedBelow,
                                  double expectedBelowSe) {

    String canonical() {
        return n + "\t" + k + "\t" + samples + "\t" + meanCount + "\t" + seCount + "\t" + meanBelow + "\t" + seBelow
                + "\t" + expected + "\t" + expectedSe + "\t" + expectedBelow + "\t" + expectedBelowSe;
    }
}
