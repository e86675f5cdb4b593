package org.losslab.comparison;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.losslab.comparison.Comparison.Verdict;

/**
 * Region statistics against the binomial null, one summary per grid cell (architecture × activation ×
 * weights × inputs × averaging; finding F7, science.md §C.4): the median and maximum of
 * {@code sd / null_sd} over the cell's (layer, piece) rows, and the median KS distance to the null.
 * F7 expects random weights with Gaussian inputs to sit near the null and trained weights or MNIST inputs
 * far from it; "near" means a median sd ratio of at most {@value #NEAR_NULL_RATIO} [DEFAULT].
 */
public final class RegionComparisons {

    static final double NEAR_NULL_RATIO = 2.0;

    private RegionComparisons() {
    }

    public static List<Comparison> compare(List<RegionCellRow> rows, String source) {
        Map<String, List<RegionCellRow>> cells = new TreeMap<>();
        rows.forEach(r -> cells.computeIfAbsent(r.cell(), c -> new ArrayList<>()).add(r));
        List<Comparison> out = new ArrayList<>();
        for (Map.Entry<String, List<RegionCellRow>> e : cells.entrySet()) {
            List<RegionCellRow> cell = e.getValue();
            ComparisonInputs in = ComparisonInputs.of(source + ", cell " + e.getKey(),
                    cell.stream().map(RegionCellRow::canonical).toList());
            double[] ratios = cell.stream().filter(r -> r.nullSd() > 0).mapToDouble(r -> r.sd() / r.nullSd()).toArray();
            double[] ks = cell.stream().mapToDouble(RegionCellRow::ksDistance).filter(Double::isFinite).toArray();
            double median = ratios.length > 0 ? new Median().evaluate(ratios) : Double.NaN;
            double max = ratios.length > 0 ? java.util.Arrays.stream(ratios).max().orElseThrow() : Double.NaN;
            RegionCellRow first = cell.get(0);
            boolean nullExpected = first.networkState().toLowerCase(Locale.ROOT).contains("random")
                    && first.inputSet().toLowerCase(Locale.ROOT).contains("gauss");
            Comparison c = Comparison.describe("F7", "sd_ratio_median", e.getKey(), Comparison.finite(median), in)
                    .withReference(1.0, "binomial null: sd ratio 1 (science.md §C.4)");
            if (ratios.length == 0) {
                c = c.withVerdict(Verdict.UNDETERMINED, "no row with a positive null sd");
            } else {
                boolean near = median <= NEAR_NULL_RATIO;
                c = c.withVerdict(Verdict.of(near == nullExpected), (nullExpected ? "random weights, Gaussian inputs: "
                        + "F7 expects the null to hold" : "F7 expects a departure from the null") + "; median sd ratio "
                        + (near ? "<= " : "> ") + NEAR_NULL_RATIO);
            }
            out.add(c);
            out.add(Comparison.describe("F7", "sd_ratio_max", e.getKey(), Comparison.finite(max), in));
            out.add(Comparison.describe("F7", "ks_distance_median", e.getKey(),
                    ks.length > 0 ? new Median().evaluate(ks) : null, in));
        }
        return out;
    }
}
