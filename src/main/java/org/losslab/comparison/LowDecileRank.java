package org.losslab.comparison;

import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.util.FastMath;

/**
 * The statistic of finding F5 (docs/science.md §E.3): among the runs of one width with the lowest training
 * losses (the lowest decile, k = ⌈n/10⌉ runs), the Spearman rank correlation of train and test loss. The claim
 * "the lowest training losses do not give the lowest test losses" says it is not positive; if the best runs by
 * train were also the best by test it would be near 1. The interval is Fisher's,
 * {@code tanh(atanh ρ ± z_{1−α/2}·√(1.06/(k−3)))} (Fieller, Hartley and Pearson 1957), defined for
 * k ≥ {@value ComparisonSettings#MIN_GROUP_SIZE}; {@code detectable} is the ρ the test detects with 80 % power.
 * Runs are ordered by training loss, ties by the caller's natural order, so the decile is deterministic.
 */
public record LowDecileRank(int n, int k, double rho, double low, double high, double pValue, double detectable) {

    static final double FIELLER = 1.06;
    static final double POWER = 0.8;

    public static LowDecileRank of(double[] train, double[] test, double alpha) {
        int n = train.length;
        int k = decileSize(n);
        if (k < ComparisonSettings.MIN_GROUP_SIZE) {
            return new LowDecileRank(n, k, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        int[] lowest = IntStream.range(0, n).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> train[i]).thenComparingInt(i -> i))
                .limit(k).mapToInt(Integer::intValue).toArray();
        double[] a = new double[k];
        double[] b = new double[k];
        for (int i = 0; i < k; i++) {
            a[i] = train[lowest[i]];
            b[i] = test[lowest[i]];
        }
        double rho = new SpearmansCorrelation().correlation(a, b);
        double se = Math.sqrt(FIELLER / (k - 3.0));
        double zq = ComparisonSettings.z(alpha);
        double detectable = detectable(k, alpha);
        if (!(Math.abs(rho) < 1)) {
            double p = Double.isNaN(rho) ? Double.NaN : 0.0;
            return new LowDecileRank(n, k, rho, rho, rho, p, detectable);
        }
        double z = FastMath.atanh(rho);
        double p = 2 * new NormalDistribution().cumulativeProbability(-Math.abs(z) / se);
        return new LowDecileRank(n, k, rho, Math.tanh(z - zq * se), Math.tanh(z + zq * se), p, detectable);
    }

    /** Runs in the lowest-train decile of {@code n} runs: ⌈n/10⌉. */
    public static int decileSize(int n) {
        return (n + 9) / 10;
    }

    /** The ρ a decile of {@code k} runs detects with 80 % power at level {@code alpha} (two-sided Fisher test). */
    public static double detectable(int k, double alpha) {
        double se = Math.sqrt(FIELLER / (k - 3.0));
        return Math.tanh((ComparisonSettings.z(alpha) + new NormalDistribution().inverseCumulativeProbability(POWER)) * se);
    }

    /**
     * The fewest runs whose decile can give a rank correlation ({@value ComparisonSettings#MIN_GROUP_SIZE} runs) and
     * detects {@code rho} with 80 % power at level {@code alpha}.
     */
    public static int runsToDetect(double rho, double alpha) {
        int k = ComparisonSettings.MIN_GROUP_SIZE;
        while (detectable(k, alpha) > rho) {
            k++;
        }
        return 10 * (k - 1) + 1;
    }
}
