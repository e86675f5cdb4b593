package org.losslab.comparison;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Do the lowest training losses give the lowest test losses (finding F5)? For n runs of one size:
 * the test rank (1 = best of n) of the run with the lowest training loss, its percentile
 * {@code (rank−1)/(n−1)}, and the overlap of the lowest decile by training loss with the lowest decile by
 * test loss, {@code |A∩B|/k} with {@code k = ⌈n/10⌉} (1 = the same runs; k/n expected if unrelated).
 * Ties are broken by run order, so the result is deterministic.
 */
public record LowestLossAgreement(int n, int bestTrainTestRank, double bestTrainTestPercentile, int decile,
                                  double decileOverlap) {

    public static LowestLossAgreement of(double[] train, double[] test) {
        int n = train.length;
        if (n == 0 || n != test.length) {
            throw new IllegalArgumentException("need equal, non-empty train and test samples");
        }
        Integer[] byTrain = order(train);
        Integer[] byTest = order(test);
        int best = byTrain[0];
        int rank = 1 + Arrays.asList(byTest).indexOf(best);
        int k = (n + 9) / 10;
        Set<Integer> a = new HashSet<>(Arrays.asList(byTrain).subList(0, k));
        long common = Arrays.asList(byTest).subList(0, k).stream().filter(a::contains).count();
        double percentile = n > 1 ? (rank - 1.0) / (n - 1.0) : 0.0;
        return new LowestLossAgreement(n, rank, percentile, k, common / (double) k);
    }

    private static Integer[] order(double[] v) {
        return IntStream.range(0, v.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> v[i]).thenComparingInt(i -> i))
                .toArray(Integer[]::new);
    }
}
