package org.losslab.comparison;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.util.FastMath;
import org.losslab.comparison.Comparison.Verdict;

/**
 * Finding F5, "for the larger networks the lowest training losses do not give the lowest test losses"
 * (docs/science.md §E.3). Deciding: the Spearman correlation of train and test loss within the lowest-train
 * decile of the largest width ({@link LowDecileRank}). Inconsistent if its interval lies above 0 (among the best
 * runs, lower train loss goes with lower test loss); consistent if not, provided the test detects a strong
 * association (ρ = {@value #STRONG}) with 80 % power, the detectable ρ being stored; otherwise undetermined.
 * Descriptive companions per width: the same ρ, the decile overlap with its hypergeometric p-value, the test rank
 * of the single best training run; and how ρ changes with width (weighted slope of atanh ρ on ln n1).
 */
final class OverfittingComparisons {

    /** The association the test must be able to see for "no association found" to count [DEFAULT]. */
    static final double STRONG = 0.5;

    private OverfittingComparisons() {
    }

    static List<Comparison> compare(List<RunLosses> sizes, ComparisonSettings s) {
        List<Comparison> out = new ArrayList<>();
        StatTest spearman = StatTest.of("Spearman rho in the lowest-train decile, Fisher interval (se sqrt(1.06/(k-3)))",
                s.alpha());
        List<double[]> trendPoints = new ArrayList<>();
        List<ComparisonInputs> trendInputs = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            RunLosses w = sizes.get(i);
            LowDecileRank r = LowDecileRank.of(w.train(), w.test(), s.alpha());
            Comparison c = Comparison.describe("F5", "lowest_decile_spearman", w.subject(), Comparison.finite(r.rho()),
                    w.inputs()).withInterval(Comparison.finite(r.low()), Comparison.finite(r.high()))
                    .withTest(spearman.withP(r.pValue()).withDetectableEffect(r.detectable()));
            out.add(i == sizes.size() - 1 ? decide(c, r, s) : c);
            trendInputs.add(w.inputs());
            if (Math.abs(r.rho()) < 1) {
                trendPoints.add(new double[] {Math.log(w.hiddenWidth()), FastMath.atanh(r.rho()),
                        Math.sqrt(LowDecileRank.FIELLER / (r.k() - 3.0))});
            }
            out.addAll(companions(w, s));
        }
        out.add(trend(trendPoints, trendInputs, s));
        return out;
    }

    private static Comparison decide(Comparison c, LowDecileRank r, ComparisonSettings s) {
        String decile = "lowest-train decile of " + r.k() + " of " + r.n() + " runs";
        if (Double.isNaN(r.rho())) {
            return c.withVerdict(Verdict.UNDETERMINED, decile + ": a rank correlation needs a decile of at least "
                    + ComparisonSettings.MIN_GROUP_SIZE + " runs with distinct losses");
        }
        if (r.low() > 0) {
            return c.withVerdict(Verdict.INCONSISTENT, decile + ": the " + s.level()
                    + " interval lies above 0, so lower train loss goes with lower test loss among the best runs");
        }
        String power = String.format("the test detects rho >= %.2f with 80%% power", r.detectable());
        if (r.detectable() <= STRONG) {
            return c.withVerdict(Verdict.CONSISTENT, decile + ": no positive association at level " + s.alpha() + "; "
                    + power);
        }
        return c.withVerdict(Verdict.UNDETERMINED, decile + ": no positive association found, but " + power
                + " (needs <= " + STRONG + ")");
    }

    private static List<Comparison> companions(RunLosses w, ComparisonSettings s) {
        LowestLossAgreement a = LowestLossAgreement.of(w.train(), w.test());
        return List.of(
                Comparison.describe("F5", "best_train_test_percentile", w.subject(), a.bestTrainTestPercentile(),
                        w.inputs()).withVerdict(null, "the lowest-train-loss run is " + ordinal(a.bestTrainTestRank())
                        + " of " + a.n() + " on test loss"),
                Comparison.describe("F5", "lowest_decile_overlap", w.subject(), a.decileOverlap(), w.inputs())
                        .withReference((double) a.decile() / a.n(), "expected overlap if train and test ranks were unrelated")
                        .withTest(new StatTest("hypergeometric upper tail (one-sided)", Comparison.finite(a.overlapP()),
                                s.alpha(), null))
                        .withVerdict(null, a.decile() + " lowest by train vs " + a.decile() + " lowest by test"));
    }

    private static Comparison trend(List<double[]> points, List<ComparisonInputs> inputs, ComparisonSettings s) {
        StatTest test = StatTest.of("weighted least-squares slope of atanh(decile rho) on ln n1", s.alpha());
        Comparison c = Comparison.describe("F5", "lowest_decile_spearman_slope", "all sizes", null,
                ComparisonInputs.combine("all hidden widths", inputs)).withTest(test);
        if (points.size() < ComparisonSettings.MIN_TREND_POINTS) {
            return c.withVerdict(null, points.size() + " width(s) with a decile rho: a trend needs "
                    + ComparisonSettings.MIN_TREND_POINTS);
        }
        WeightedSlope f = WeightedSlope.of(points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray(), points.stream().mapToDouble(p -> p[2]).toArray());
        double half = ComparisonSettings.z(s.alpha()) * f.se();
        return c.withValue(f.slope()).withInterval(f.slope() - half, f.slope() + half)
                .withVerdict(null, "how the decile rho changes with width (descriptive; F5 is decided at the largest width)");
    }

    static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
