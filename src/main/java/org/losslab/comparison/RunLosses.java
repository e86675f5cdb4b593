package org.losslab.comparison;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Final losses of the completed runs of one hidden width (docs/science.md §A.5.2 "Recorded per run").
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
        return new RunLosses(hiddenWidth, keys, tr, te, source);
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
