package org.losslab.comparison;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Final losses of the completed runs of one hidden width (docs/science.md §A.5.2 "Recorded per run").
 *
 * @param runKeys      run keys, in the order of the loss arrays
 * @param hiddenLayers 1 for the paper's networks; 2 is the H = 3 reading (science.md §A.6), labelled as such so its
 *                     rows never mix with, or are judged against the Table-1 values of, one-hidden-layer rows
 */
public record RunLosses(int hiddenWidth, List<String> runKeys, double[] train, double[] test, String source,
                        int hiddenLayers) {

    public RunLosses(int hiddenWidth, List<String> runKeys, double[] train, double[] test, String source) {
        this(hiddenWidth, runKeys, train, test, source, 1);
    }

    public String subject() {
        return subject(hiddenWidth, hiddenLayers);
    }

    /** {@code n1=25}, or with more than one hidden layer {@code n1=25 (H=3)} (H = hidden layers + 1). */
    public static String subject(int hiddenWidth, int hiddenLayers) {
        return "n1=" + hiddenWidth + (hiddenLayers == 1 ? "" : " (H=" + (hiddenLayers + 1) + ")");
    }

    public int size() {
        return test.length;
    }

    /** The same runs ordered by run key, the natural key every statistic's input order follows. */
    public RunLosses sortedByRunKey() {
        int[] order = IntStream.range(0, runKeys.size()).boxed().sorted(Comparator.comparing(runKeys::get))
                .mapToInt(Integer::intValue).toArray();
        List<String> keys = new ArrayList<>();
        double[] tr = new double[order.length];
        double[] te = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            keys.add(runKeys.get(order[i]));
            tr[i] = train[order[i]];
            te[i] = test[order[i]];
        }
        return new RunLosses(hiddenWidth, keys, tr, te, source, hiddenLayers);
    }

    /** Provenance of these values: one canonical line per run. */
    public ComparisonInputs inputs() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < test.length; i++) {
            lines.add(runKeys.get(i) + "\t" + train[i] + "\t" + test[i]);
        }
        return ComparisonInputs.of(source + ", hidden width " + hiddenWidth, lines);
    }
}
