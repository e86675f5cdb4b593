package org.losslab.comparison;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.HypergeometricDistribution;

/**
 * Do the lowest training losses give the lowest test losses (finding F5, descriptive companions of
 * {@link LowDecileRank})? For n runs of one size: the test rank (1 = best of n) of the run with the lowest
 * training loss, its percentile {@code (rank−1)/(n−1)}, and the overlap of the lowest decile by training loss
 * with the lowest decile by test loss, {@code |A∩B|/k} with {@code k = ⌈n/10⌉} (1 = the same runs; k/n
 * expected if unrelated), with the one-sided p-value of so large an overlap under the hypergeometric null
 * (k of n drawn, k marked). Ties are broken by run order, so the result is deterministic.
 */
public record LowestLossAgreement(int n, int bestTrainTestRank, double bestTrainTestPercentile, int decile,
                                  double decileOverlap, double overlapP) {

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
        int common = (int) Arrays.asList(byTest).subList(0, k).stream().filter(a::contains).count();
        double percentile = n > 1 ? (rank - 1.0) / (n - 1.0) : 0.0;
        double p = new HypergeometricDistribution(null, n, k, k).upperCumulativeProbability(common);
        return new LowestLossAgreement(n, rank, percentile, k, common / (double) k, p);
    }

    private static Integer[] order(double[] v) {
        return IntStream.range(0, v.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> v[i]).thenComparingInt(i -> i))
                .toArray(Integer[]::new);
    }
}
