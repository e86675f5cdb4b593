package org.losslab.comparison;

import java.util.List;

/**
 * Final losses of the completed runs of one hidden width (science.md §A.5.2 "Recorded per run").
 *
 * @param runKeys run keys, in the order of the loss arrays
 */
public record RunLosses(int hiddenWidth, List<String> runKeys, double[] train, double[] test, String source) {

    public String subject() {
        return "n1=" + hiddenWidth;
    }

    public int size() {
        return test.length;
    }

    /** Provenance of these values: one canonical line per run. */
    public ComparisonInputs inputs() {
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < test.length; i++) {
            lines.add(runKeys.get(i) + "\t" + train[i] + "\t" + test[i]);
        }
        return ComparisonInputs.of(source + ", hidden width " + hiddenWidth, lines);
    }
}
