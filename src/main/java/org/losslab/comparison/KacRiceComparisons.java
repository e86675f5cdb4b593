package org.losslab.comparison;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleBiFunction;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.losslab.comparison.Comparison.Verdict;

/**
 * Finite-N Kac–Rice against the large-N complexity (finding F8; docs/science.md §B.3, §C.3 item 6 (ii),
 * decision rule §E.3). The limit {@code (1/N) ln E Crt_{N,k} → Θ_{k,p}} holds for fixed k as N grows, so only
 * small k are judged: k ≤ {@code compare.kac_rice_max_k} and, per series, only sizes with N ≥ 4(k + 1) [DEFAULT]
 * (k well below the middle index; larger k at a given N are the high-index regime the limit says nothing about).
 * For each judged series (p, θ, k) the gap {@code g_N = (1/N) ln E Crt_{N,k} − Θ_{k,p}} has standard error
 * {@code se/(N·mean)} (delta method on the Monte Carlo mean); the test is the weighted least-squares slope of
 * |g_N| on ln N ({@link WeightedSlope}) at level α/m, Bonferroni over the m judged series: the gap shrinks
 * (consistent) if the interval lies below 0. Every series also gets a descriptive row at its largest N, shown
 * and not judged when k is comparable to N. Counts are over all energies (B = ℝ), whose limit is
 * Θ_{k,p}(u ≥ −E_∞); the caller passes that limit. Sample sizes: the Monte Carlo samples, one group per N.
 */
public final class KacRiceComparisons {

    /** N must be at least this many times k + 1 for index k to count as fixed and small [DEFAULT]. */
    static final int SMALL_K_FACTOR = 4;

    private KacRiceComparisons() {
    }

    /** @param limit {@code (k, p) → Θ_{k,p}} of the counts in the view */
    public static List<Comparison> compare(List<KacRiceRow> rows, ToDoubleBiFunction<Integer, Integer> limit,
                                           String source, ComparisonSettings s) {
        Map<String, List<KacRiceRow>> series = new TreeMap<>();
        for (KacRiceRow r : rows) {
            series.computeIfAbsent(String.format("p=%d, k=%d, theta=%s", r.p(), r.k(), r.theta()),
                    x -> new ArrayList<>()).add(r);
        }
        List<List<KacRiceRow>> judged = new ArrayList<>();
        for (List<KacRiceRow> rs : series.values()) {
            rs.sort(Comparator.comparingInt(KacRiceRow::n));
            if (rs.get(0).k() <= s.kacRiceMaxK() && smallK(rs).size() >= ComparisonSettings.MIN_TREND_POINTS) {
                judged.add(rs);
            }
        }
        double alpha = s.alpha() / Math.max(1, judged.size());
        List<Comparison> out = new ArrayList<>();
        for (Map.Entry<String, List<KacRiceRow>> e : series.entrySet()) {
            List<KacRiceRow> byN = e.getValue();
            KacRiceRow last = byN.get(byN.size() - 1);
            double theta = limit.applyAsDouble(last.k(), last.p());
            ComparisonInputs in = ComparisonInputs.of(source + ", " + e.getKey(),
                    byN.stream().map(KacRiceRow::canonical).toList()).withSampleSizes(
                    (int) Math.min(Integer.MAX_VALUE, byN.stream().mapToLong(KacRiceRow::samples).sum()), byN.size(),
                    (int) Math.min(Integer.MAX_VALUE, byN.stream().mapToLong(KacRiceRow::samples).min().orElseThrow()));
            double half = ComparisonSettings.z(s.alpha()) * gapSe(last);
            Comparison shown = Comparison.describe("F8", "complexity_at_largest_n", e.getKey() + ", N=" + last.n(),
                    Comparison.finite(last.complexity()), in).withReference(theta, "Θ_{k,p} (science.md §B.4)")
                    .withInterval(Comparison.finite(last.complexity() - half), Comparison.finite(last.complexity() + half))
                    .withTest(StatTest.of("Monte Carlo mean, delta-method interval", s.alpha()));
            if (last.k() > s.kacRiceMaxK() || !judged.contains(byN)) {
                shown = shown.withVerdict(null, last.k() > s.kacRiceMaxK()
                        ? "k > " + s.kacRiceMaxK() + ": the fixed-k limit is not judged here (shown only)"
                        : "shown; the trend row decides");
            }
            out.add(shown);
            if (last.k() <= s.kacRiceMaxK()) {
                out.add(trend(e.getKey(), byN, theta, in, alpha, judged.size(), s));
            }
        }
        return out;
    }

    private static Comparison trend(String subject, List<KacRiceRow> byN, double theta, ComparisonInputs in, double alpha,
                                    int family, ComparisonSettings s) {
        List<KacRiceRow> small = smallK(byN);
        StatTest test = StatTest.of("weighted least-squares slope of |(1/N) ln E Crt - Θ| on ln N, Bonferroni over "
                + family + " series", alpha);
        Comparison c = Comparison.describe("F8", "gap_slope", subject, null, in).withTest(test);
        if (small.size() < ComparisonSettings.MIN_TREND_POINTS) {
            return c.withVerdict(Verdict.UNDETERMINED, small.size() + " size(s) with N >= " + SMALL_K_FACTOR
                    + "(k + 1) and a standard error: a trend needs " + ComparisonSettings.MIN_TREND_POINTS);
        }
        double[] x = small.stream().mapToDouble(r -> Math.log(r.n())).toArray();
        double[] y = small.stream().mapToDouble(r -> Math.abs(r.complexity() - theta)).toArray();
        double[] se = small.stream().mapToDouble(KacRiceComparisons::gapSe).toArray();
        WeightedSlope f = WeightedSlope.of(x, y, se);
        double half = ComparisonSettings.z(alpha) * f.se();
        double p = 2 * new NormalDistribution().cumulativeProbability(-Math.abs(f.slope() / f.se()));
        Verdict v = Trend.decreasing(f.slope() - half, f.slope() + half);
        return c.withValue(f.slope()).withInterval(f.slope() - half, f.slope() + half).withTest(test.withP(p))
                .withVerdict(v, String.format("|gap| %s over N = %s (Birge ratio %.2f); %s", v == Verdict.CONSISTENT
                        ? "shrinks" : v == Verdict.INCONSISTENT ? "does not shrink" : "trend unclear",
                        small.stream().map(r -> String.valueOf(r.n())).toList(), f.birgeRatio(),
                        Trend.explain(v, ComparisonSettings.percent(alpha))));
    }

    /** The sizes at which index k counts as small, with a usable standard error. */
    static List<KacRiceRow> smallK(List<KacRiceRow> byN) {
        return byN.stream().filter(r -> r.n() >= SMALL_K_FACTOR * (r.k() + 1L) && gapSe(r) > 0 && Double.isFinite(gapSe(r)))
                .toList();
    }

    /** Standard error of (1/N) ln mean: se/(N·mean), from ln se − ln mean so large N do not overflow. */
    static double gapSe(KacRiceRow r) {
        return r.se() > 0 ? Math.exp(Math.log(r.se()) - r.logMean()) / r.n() : Double.NaN;
    }
}
