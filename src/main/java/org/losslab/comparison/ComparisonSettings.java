package org.losslab.comparison;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.losslab.Seeds;
import org.losslab.spec.CompareSpec;

/**
 * How the compare step decides (docs/science.md §E.3): the level α of every test (key {@code compare.alpha}),
 * the bootstrap resamples, the largest judged Kac–Rice index, and the experiment's root seed, from which
 * every bootstrap stream is derived by the name of its statistic and subject, so a statistic never depends on
 * which other statistics were computed, or in which order.
 */
public record ComparisonSettings(double alpha, int resamples, int kacRiceMaxK, long seed) {

    /** Fewer points than this never make a trend. */
    public static final int MIN_TREND_POINTS = 3;
    /** Fewer runs than this in a group never make a distributional claim. */
    public static final int MIN_GROUP_SIZE = 10;

    public static ComparisonSettings of(CompareSpec spec, long seed) {
        return new ComparisonSettings(spec.alpha(), spec.bootstrapResamples(), spec.kacRiceMaxK(), seed);
    }

    public static ComparisonSettings defaults(long seed) {
        return of(CompareSpec.DEFAULTS, seed);
    }

    /** Seed of the bootstrap stream of one statistic of one subject. */
    public long seed(String finding, String statistic, String subject) {
        return Seeds.derive(seed, "compare/" + finding + "/" + statistic + "/" + subject);
    }

    /** {@code z_{1−a/2}}: the half-width of a two-sided interval at level a in standard errors. */
    public static double z(double a) {
        return new NormalDistribution().inverseCumulativeProbability(1 - a / 2);
    }

    /** The interval's level in percent, e.g. "95%". */
    public String level() {
        return percent(alpha);
    }

    static String percent(double a) {
        double p = 100 * (1 - a);
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.format("%.4g", p)) + "%";
    }
}
