package org.losslab.comparison;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.losslab.comparison.Comparison.Verdict;

/**
 * Region statistics against the binomial null, one verdict per grid cell (architecture × activation ×
 * weights × inputs × averaging; finding F7, docs/science.md §C.4, decision rule §E.3). The expected pattern is
 * a reconstruction (science.md tags it [RECON]): random weights with Gaussian inputs near the null, trained
 * weights or MNIST inputs far from it. Per (layer, piece) row with at least
 * {@value ComparisonSettings#MIN_GROUP_SIZE} values (pooled rows are left out: they mix layers with different
 * occupancies), the ratio r = sd / null_sd with its chi-square interval: under the null the m values are
 * i.i.d. with variance null_sd², so m·sd²/null_sd² ~ χ²_{m−1} (sd is the population sd; exact for normal
 * values, close for binomial ones with many trials). The cell's number is the median ratio, its interval the
 * medians of the rows' bounds: "near" when the median upper bound is at most {@value #NEAR_NULL_RATIO}
 * [DEFAULT] (most rows are significantly within the margin), "far" when the median lower bound exceeds it.
 * Its sample sizes are the judged rows (groups) and their values (units or data per row).
 */
public final class RegionComparisons {

    static final double NEAR_NULL_RATIO = 2.0;

    private RegionComparisons() {
    }

    public static List<Comparison> compare(List<RegionCellRow> rows, String source, ComparisonSettings s) {
        Map<String, List<RegionCellRow>> cells = new TreeMap<>();
        rows.stream().filter(r -> !"pooled".equals(r.layer()))
                .forEach(r -> cells.computeIfAbsent(r.cell(), c -> new ArrayList<>()).add(r));
        List<Comparison> out = new ArrayList<>();
        StatTest test = StatTest.of("chi-square interval of sd/null_sd per (layer, piece); medians over rows", s.alpha());
        for (Map.Entry<String, List<RegionCellRow>> e : cells.entrySet()) {
            List<RegionCellRow> cell = e.getValue();
            ComparisonInputs in = ComparisonInputs.of(source + ", cell " + e.getKey() + ", per-layer rows",
                    cell.stream().map(RegionCellRow::canonical).toList());
            List<RegionCellRow> usable = cell.stream()
                    .filter(r -> r.nullSd() > 0 && Double.isFinite(r.sd()) && r.n() >= ComparisonSettings.MIN_GROUP_SIZE)
                    .toList();
            List<double[]> judged = usable.stream().map(r -> ratio(r, s.alpha())).toList();
            ComparisonInputs sized = usable.isEmpty() ? in : in.withSampleSizes(
                    (int) Math.min(Integer.MAX_VALUE, usable.stream().mapToLong(RegionCellRow::n).sum()), usable.size(),
                    (int) usable.stream().mapToLong(RegionCellRow::n).min().orElseThrow());
            RegionCellRow first = cell.get(0);
            boolean nullExpected = first.networkState().toLowerCase(Locale.ROOT).contains("random")
                    && first.inputSet().toLowerCase(Locale.ROOT).contains("gauss");
            Comparison c = Comparison.describe("F7", "sd_ratio_median", e.getKey(), null, sized)
                    .withReference(1.0, "binomial null: sd ratio 1 (science.md §C.4); expected pattern reconstructed [RECON]")
                    .withTest(test);
            String expectation = nullExpected ? "random weights, Gaussian inputs: the reconstruction expects the null"
                    : "the reconstruction expects a departure from the null";
            if (judged.isEmpty()) {
                out.add(c.withVerdict(Verdict.UNDETERMINED, expectation + "; no per-layer row with a positive null sd and at least "
                        + ComparisonSettings.MIN_GROUP_SIZE + " values"));
            } else {
                double ratio = median(judged, 0);
                double low = median(judged, 1);
                double high = median(judged, 2);
                boolean near = high <= NEAR_NULL_RATIO;
                boolean far = low > NEAR_NULL_RATIO;
                Verdict v = !near && !far ? Verdict.UNDETERMINED : Verdict.of(near == nullExpected);
                out.add(c.withValue(ratio).withInterval(low, high).withVerdict(v, expectation + "; over " + judged.size()
                        + " rows the median interval " + (near ? "lies at or below " : far ? "lies above " : "straddles ")
                        + NEAR_NULL_RATIO + " [DEFAULT margin]"));
            }
            double[] ratios = cell.stream().filter(r -> r.nullSd() > 0).mapToDouble(r -> r.sd() / r.nullSd()).toArray();
            double[] ks = cell.stream().mapToDouble(RegionCellRow::ksDistance).filter(Double::isFinite).toArray();
            out.add(Comparison.describe("F7", "sd_ratio_max", e.getKey(),
                    ratios.length > 0 ? Comparison.finite(Arrays.stream(ratios).max().orElseThrow()) : null, in));
            out.add(Comparison.describe("F7", "ks_distance_median", e.getKey(),
                    ks.length > 0 ? new Median().evaluate(ks) : null, in));
        }
        return out;
    }

    /** {ratio, lower, upper} of one row at level 1 − α. */
    static double[] ratio(RegionCellRow r, double alpha) {
        double ratio = r.sd() / r.nullSd();
        ChiSquaredDistribution chi = new ChiSquaredDistribution(null, r.n() - 1.0);
        double m = r.n();
        return new double[] {ratio, ratio * Math.sqrt(m / chi.inverseCumulativeProbability(1 - alpha / 2)),
                ratio * Math.sqrt(m / chi.inverseCumulativeProbability(alpha / 2))};
    }

    private static double median(List<double[]> rows, int column) {
        return new Median().evaluate(rows.stream().mapToDouble(r -> r[column]).toArray());
    }
}
