package org.losslab.comparison;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.losslab.comparison.Comparison.Verdict;

/**
 * Finite-N layering by enumeration (finding F13; docs/science.md §E.2, decision rules §E.3), three tests:
 * <ol>
 * <li>{@code energy_index_slope}, per N: the weighted least-squares slope of the mean energy of index-k points on k
 * ({@link WeightedSlope}, clustered standard errors), at level α/m with m the number of sizes; consistent if its
 * interval lies above 0, inconsistent if at or below 0, undetermined if it contains 0 or fewer than 3 indices have
 * a standard error.</li>
 * <li>{@code count_vs_kac_rice}, per (N, k): z = (mean count − Kac–Rice)/√(se² + se_KR²), two-sided at level α/m,
 * Bonferroni over the m judged (N, k); consistent iff |z| ≤ z_{1−α/(2m)}. Fewer than 10 samples: undetermined.</li>
 * <li>{@code share_minima_below_einf}, per N: the share of minima among the points with u ≤ −E_∞, with a
 * Clopper–Pearson interval at level α/m (points pooled over samples); "almost only minima" means a share of at
 * least {@value #ALMOST_ONLY} [DEFAULT]: consistent if the interval lies above it, inconsistent if below, otherwise
 * (or with fewer than 10 points) undetermined. Kac–Rice's share at the same N is the reference.</li>
 * </ol>
 */
public final class EnumerationComparisons {

    /** "Almost only minima": at least this share of the points below −N·E_∞ are minima [DEFAULT]. */
    static final double ALMOST_ONLY = 0.9;
    /** z of 80 % power, one-sided: the detectable effect of a test that fails to reject. */
    static final double Z_POWER = 0.8416212335729143;

    private EnumerationComparisons() {
    }

    public static List<Comparison> compare(List<EnumerationCountRow> counts, List<EnumerationEnergyRow> energies,
                                           String source, ComparisonSettings s) {
        List<Comparison> out = new ArrayList<>(energyTrends(energies, source, s));
        out.addAll(countsAgainstKacRice(counts, source, s));
        out.addAll(minimaBelowThreshold(counts, source, s));
        return out;
    }

    static List<Comparison> energyTrends(List<EnumerationEnergyRow> rows, String source, ComparisonSettings s) {
        Map<Integer, List<EnumerationEnergyRow>> byN = new TreeMap<>();
        rows.forEach(r -> byN.computeIfAbsent(r.n(), n -> new ArrayList<>()).add(r));
        double alpha = s.alpha() / Math.max(1, byN.size());
        List<Comparison> out = new ArrayList<>();
        byN.forEach((n, rs) -> {
            List<EnumerationEnergyRow> usable = rs.stream()
                    .filter(r -> r.seEnergy() > 0 && Double.isFinite(r.seEnergy())).toList();
            ComparisonInputs in = ComparisonInputs.of(source + ", N=" + n,
                    rs.stream().map(EnumerationEnergyRow::canonical).toList()).withSampleSizes(
                    (int) rs.stream().mapToLong(EnumerationEnergyRow::points).sum(), rs.size(),
                    (int) rs.stream().mapToLong(EnumerationEnergyRow::points).min().orElse(0));
            StatTest test = StatTest.of("weighted least-squares slope of mean u on the index k (clustered SE), "
                    + "Bonferroni over " + byN.size() + " size(s)", alpha);
            Comparison c = Comparison.describe("F13", "energy_index_slope", "N=" + n, null, in).withTest(test);
            if (usable.size() < ComparisonSettings.MIN_TREND_POINTS) {
                out.add(c.withVerdict(Verdict.UNDETERMINED, usable.size() + " index(es) with a standard error: a trend "
                        + "needs " + ComparisonSettings.MIN_TREND_POINTS));
                return;
            }
            WeightedSlope f = WeightedSlope.of(usable.stream().mapToDouble(EnumerationEnergyRow::k).toArray(),
                    usable.stream().mapToDouble(EnumerationEnergyRow::meanEnergy).toArray(),
                    usable.stream().mapToDouble(EnumerationEnergyRow::seEnergy).toArray());
            double half = ComparisonSettings.z(alpha) * f.se();
            double p = 2 * new NormalDistribution().cumulativeProbability(-Math.abs(f.slope() / f.se()));
            Verdict v = Trend.decreasing(-(f.slope() + half), -(f.slope() - half));
            out.add(c.withValue(f.slope()).withInterval(f.slope() - half, f.slope() + half).withTest(test.withP(p))
                    .withVerdict(v, String.format("mean u %s with the index over k = %s (Birge ratio %.2f); the %s "
                            + "interval of the slope %s", v == Verdict.CONSISTENT ? "increases" : v == Verdict.INCONSISTENT
                            ? "does not increase" : "trend unclear", usable.stream().map(r -> String.valueOf(r.k())).toList(),
                            f.birgeRatio(), ComparisonSettings.percent(alpha), v == Verdict.CONSISTENT ? "lies above 0"
                            : v == Verdict.INCONSISTENT ? "lies at or below 0" : "contains 0")));
        });
        return out;
    }

    static List<Comparison> countsAgainstKacRice(List<EnumerationCountRow> rows, String source, ComparisonSettings s) {
        long family = rows.stream().filter(r -> r.samples() >= ComparisonSettings.MIN_GROUP_SIZE).count();
        double alpha = s.alpha() / Math.max(1, family);
        double zCrit = ComparisonSettings.z(alpha);
        List<Comparison> out = new ArrayList<>();
        for (EnumerationCountRow r : rows) {
            ComparisonInputs in = ComparisonInputs.of(source + ", N=" + r.n() + ", k=" + r.k(), List.of(r.canonical()))
                    .withSampleSizes((int) r.samples(), 1, (int) r.samples());
            double se = Math.sqrt(r.seCount() * r.seCount() + r.expectedSe() * r.expectedSe());
            double z = (r.meanCount() - r.expected()) / se;
            StatTest test = StatTest.of("z of the mean count against Kac-Rice (combined SE), Bonferroni over " + family
                    + " (N, k)", alpha);
            Comparison c = Comparison.describe("F13", "count_vs_kac_rice", "N=" + r.n() + ", k=" + r.k(), r.meanCount(), in)
                    .withInterval(r.meanCount() - zCrit * r.seCount(), r.meanCount() + zCrit * r.seCount())
                    .withReference(r.expected(), "Kac-Rice E Crt_{N,k}, " + "Monte Carlo (science.md §B.2)")
                    .withTest(test);
            if (r.samples() < ComparisonSettings.MIN_GROUP_SIZE || !(se > 0)) {
                out.add(c.withVerdict(Verdict.UNDETERMINED, r.samples() < ComparisonSettings.MIN_GROUP_SIZE
                        ? r.samples() + " disorder samples: fewer than " + ComparisonSettings.MIN_GROUP_SIZE
                        : "no standard error: the count did not vary"));
                continue;
            }
            boolean agrees = Math.abs(z) <= zCrit;
            double p = 2 * new NormalDistribution().cumulativeProbability(-Math.abs(z));
            out.add(c.withTest(test.withP(p).withDetectableEffect((zCrit + Z_POWER) * se)).withVerdict(Verdict.of(agrees),
                    String.format("z = %.2f; %s within ±%.2f combined SE", z, agrees ? "agrees" : "does not agree", zCrit)));
        }
        return out;
    }

    static List<Comparison> minimaBelowThreshold(List<EnumerationCountRow> rows, String source, ComparisonSettings s) {
        Map<Integer, List<EnumerationCountRow>> byN = new TreeMap<>();
        rows.forEach(r -> byN.computeIfAbsent(r.n(), n -> new ArrayList<>()).add(r));
        double alpha = s.alpha() / Math.max(1, byN.size());
        List<Comparison> out = new ArrayList<>();
        byN.forEach((n, rs) -> {
            long below = 0;
            long minima = 0;
            double expectedBelow = 0;
            double expectedMinima = 0;
            for (EnumerationCountRow r : rs) {
                long count = Math.round(r.meanBelow() * r.samples());
                below += count;
                expectedBelow += r.expectedBelow();
                if (r.k() == 0) {
                    minima = count;
                    expectedMinima = r.expectedBelow();
                }
            }
            ComparisonInputs in = ComparisonInputs.of(source + ", N=" + n + ", u <= -E_inf",
                    rs.stream().map(EnumerationCountRow::canonical).toList()).withSampleSizes((int) below, 1, (int) below);
            StatTest test = StatTest.of("Clopper-Pearson interval of the share of minima, Bonferroni over " + byN.size()
                    + " size(s); 'almost only' = at least " + ALMOST_ONLY, alpha);
            Comparison c = Comparison.describe("F13", "share_minima_below_einf", "N=" + n, null, in).withTest(test)
                    .withReference(expectedBelow > 0 ? expectedMinima / expectedBelow : null,
                            "Kac-Rice share below -E_inf at the same N (science.md §B.6)");
            if (below < ComparisonSettings.MIN_GROUP_SIZE) {
                out.add(c.withValue(below == 0 ? Double.NaN : (double) minima / below).withVerdict(Verdict.UNDETERMINED,
                        below + " point(s) with u <= -E_inf: fewer than " + ComparisonSettings.MIN_GROUP_SIZE));
                return;
            }
            double[] ci = clopperPearson(minima, below, alpha);
            Verdict v = ci[0] >= ALMOST_ONLY ? Verdict.CONSISTENT : ci[1] < ALMOST_ONLY ? Verdict.INCONSISTENT
                    : Verdict.UNDETERMINED;
            out.add(c.withValue((double) minima / below).withInterval(ci[0], ci[1]).withVerdict(v, String.format(
                    "%d of %d points below -N E_inf are minima; the interval lies %s %.2f", minima, below,
                    v == Verdict.CONSISTENT ? "above" : v == Verdict.INCONSISTENT ? "below" : "across", ALMOST_ONLY)));
        });
        return out;
    }

    /** Two-sided Clopper–Pearson interval at level a for x successes in m trials. */
    static double[] clopperPearson(long x, long m, double a) {
        double low = x == 0 ? 0 : new BetaDistribution(x, m - x + 1).inverseCumulativeProbability(a / 2);
        double high = x == m ? 1 : new BetaDistribution(x + 1, m - x).inverseCumulativeProbability(1 - a / 2);
        return new double[] {low, high};
    }
}
