package org.losslab.comparison;

/**
 * The statistical test behind a comparison row (docs/science.md §E.3): its name as the report shows it,
 * the two-sided p-value of its null hypothesis where it has one, the level α its interval and decision
 * use (Bonferroni-divided where one finding tests several series), and, where a "consistent" verdict
 * rests on failing to reject, the smallest effect the test detects with 80 % power, in the units of the
 * statistic. A deterministic check (a certificate) has no level.
 */
public record StatTest(String name, Double pValue, Double alpha, Double detectableEffect) {

    public static StatTest of(String name, double alpha) {
        return new StatTest(name, null, alpha, null);
    }

    /** A deterministic check with stated tolerances: no level, no p-value. */
    public static StatTest deterministic(String name) {
        return new StatTest(name, null, null, null);
    }

    public StatTest withP(double p) {
        return new StatTest(name, Comparison.finite(p), alpha, detectableEffect);
    }

    public StatTest withDetectableEffect(double effect) {
        return new StatTest(name, pValue, alpha, Comparison.finite(effect));
    }
}
