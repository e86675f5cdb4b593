package org.losslab.comparison;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleBiFunction;
import org.losslab.comparison.Comparison.Verdict;

/**
 * Finite-N Kac–Rice against the large-N complexity (finding F8; science.md §B.3, §C.3 item 6 (ii)):
 * for each (p, θ, k), {@code (1/N) ln E Crt_{N,k}} at the largest N against {@code Θ_{k,p}}, and whether the
 * gap shrinks at every step in N. Counts are over all energies (B = ℝ), whose limit is Θ_{k,p}(u) for
 * u ≥ −E_∞; the caller passes that limit.
 */
public final class KacRiceComparisons {

    private KacRiceComparisons() {
    }

    /** @param limit {@code (k, p) → Θ_{k,p}} of the counts in the view */
    public static List<Comparison> compare(List<KacRiceRow> rows, ToDoubleBiFunction<Integer, Integer> limit,
                                           String source) {
        Map<String, List<KacRiceRow>> series = new TreeMap<>();
        for (KacRiceRow r : rows) {
            series.computeIfAbsent(String.format("p=%d, k=%d, theta=%s", r.p(), r.k(), r.theta()),
                    s -> new ArrayList<>()).add(r);
        }
        List<Comparison> out = new ArrayList<>();
        for (Map.Entry<String, List<KacRiceRow>> e : series.entrySet()) {
            List<KacRiceRow> byN = new ArrayList<>(e.getValue());
            byN.sort(Comparator.comparingInt(KacRiceRow::n));
            KacRiceRow last = byN.get(byN.size() - 1);
            double theta = limit.applyAsDouble(last.k(), last.p());
            ComparisonInputs in = ComparisonInputs.of(source + ", " + e.getKey(),
                    byN.stream().map(KacRiceRow::canonical).toList());
            int violations = 0;
            for (int i = 1; i < byN.size(); i++) {
                double before = Math.abs(byN.get(i - 1).complexity() - theta);
                double now = Math.abs(byN.get(i).complexity() - theta);
                violations += now < before ? 0 : 1;
            }
            Comparison c = Comparison.describe("F8", "complexity_at_largest_n", e.getKey() + ", N=" + last.n(),
                    Comparison.finite(last.complexity()), in).withReference(theta, "Theta_{k,p} (science.md §B.4)");
            out.add(byN.size() < 2 ? c.withVerdict(Verdict.UNDETERMINED, "a single N")
                    : c.withVerdict(Verdict.of(violations == 0), violations == 0
                    ? "|(1/N) ln E Crt - Theta| shrinks at every step in N"
                    : "the gap to Theta grows at " + violations + " of " + (byN.size() - 1) + " steps in N"));
        }
        return out;
    }
}
