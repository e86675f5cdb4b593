package org.losslab.comparison;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.losslab.comparison.Comparison.Verdict;

/**
 * Spin-glass final energies against the band {@code [−E_0, −E_∞]} (finding F1; science.md §A.4,
 * §A.5.1, §B.7) and, on one standardized axis, against the network test losses (F1 with F2).
 * Network size n1 is paired with the spin-glass size N nearest to it on a log scale (Λ ≈ n1 in the paper).
 */
public final class SpinGlassComparisons {

    private SpinGlassComparisons() {
    }

    public static List<Comparison> band(List<EnergySample> samples, double e0, double eInf) {
        List<Comparison> out = new ArrayList<>();
        String band = String.format("band [-E_0, -E_inf] = [%.6f, %.6f] (science.md §B.7)", -e0, -eInf);
        Map<String, List<EnergySample>> byMethod = new TreeMap<>();
        for (EnergySample s : samples) {
            ComparisonInputs in = s.inputs();
            BandOccupancy b = BandOccupancy.of(s.energies(), e0, eInf);
            SampleSummary sum = SampleSummary.of(s.energies());
            out.add(Comparison.describe("F1", "fraction_below_band", s.subject(), Comparison.finite(b.below()), in)
                    .withReference(null, band));
            out.add(Comparison.describe("F1", "fraction_in_band", s.subject(), Comparison.finite(b.inside()), in)
                    .withReference(null, band));
            out.add(Comparison.describe("F1", "fraction_above_band", s.subject(), Comparison.finite(b.above()), in)
                    .withReference(null, band));
            out.add(Comparison.describe("F1", "energy_mean", s.subject(), Comparison.finite(sum.mean()), in)
                    .withReference(-eInf, "-E_inf (science.md §B.4)"));
            out.add(Comparison.describe("F1", "energy_sd", s.subject(), Comparison.finite(sum.sd()), in));
            byMethod.computeIfAbsent(s.method(), m -> new ArrayList<>()).add(s);
        }
        for (Map.Entry<String, List<EnergySample>> e : byMethod.entrySet()) {
            List<EnergySample> bySize = new ArrayList<>(e.getValue());
            bySize.sort(Comparator.comparingInt(EnergySample::n));
            out.add(sdDecreasing(e.getKey(), bySize));
        }
        return out;
    }

    private static Comparison sdDecreasing(String method, List<EnergySample> bySize) {
        List<ComparisonInputs> parts = new ArrayList<>();
        List<Double> sds = new ArrayList<>();
        for (EnergySample s : bySize) {
            parts.add(s.inputs());
            double sd = SampleSummary.of(s.energies()).sd();
            if (Double.isFinite(sd)) {
                sds.add(sd);
            }
        }
        int violations = 0;
        for (int i = 1; i < sds.size(); i++) {
            violations += sds.get(i) < sds.get(i - 1) ? 0 : 1;
        }
        Comparison c = Comparison.describe("F1", "energy_sd_decreasing", "all N (" + method + ")", (double) violations,
                ComparisonInputs.combine("all N, method " + method, parts));
        if (sds.size() < 2) {
            return c.withVerdict(Verdict.UNDETERMINED, "fewer than two sizes with an sd");
        }
        return c.withVerdict(Verdict.of(violations == 0), violations == 0 ? "energy sd strictly decreases with N"
                : "energy sd fails to decrease at " + violations + " of " + (sds.size() - 1) + " steps in N");
    }

    /** Shape, spread and KS distance of standardized network test losses against spin-glass energies. */
    public static List<Comparison> shapes(List<RunLosses> networks, List<EnergySample> spinGlass) {
        List<Comparison> out = new ArrayList<>();
        if (spinGlass.isEmpty()) {
            return out;
        }
        for (RunLosses net : networks) {
            for (String method : spinGlass.stream().map(EnergySample::method).distinct().sorted().toList()) {
                EnergySample sg = spinGlass.stream().filter(s -> s.method().equals(method))
                        .min(Comparator.comparingDouble(s -> Math.abs(Math.log(s.n() / (double) net.hiddenWidth()))))
                        .orElseThrow();
                StandardizedShape shape = StandardizedShape.of(net.test(), sg.energies());
                String subject = net.subject() + " vs " + sg.subject();
                ComparisonInputs in = ComparisonInputs.combine(subject, List.of(net.inputs(), sg.inputs()));
                out.add(Comparison.describe("F1+F2", "ks_standardized", subject, Comparison.finite(shape.ksDistance()), in)
                        .withVerdict(null, "two-sample KS distance after z = (x - mean)/sd of each sample"));
                out.add(Comparison.describe("F1+F2", "skewness_network", subject, Comparison.finite(shape.first().skewness()), in));
                out.add(Comparison.describe("F1+F2", "skewness_spinglass", subject, Comparison.finite(shape.second().skewness()), in));
                out.add(Comparison.describe("F1+F2", "excess_kurtosis_network", subject, Comparison.finite(shape.first().kurtosis()), in));
                out.add(Comparison.describe("F1+F2", "excess_kurtosis_spinglass", subject, Comparison.finite(shape.second().kurtosis()), in));
                out.add(Comparison.describe("F1+F2", "cv_network", subject,
                        Comparison.finite(StandardizedShape.coefficientOfVariation(shape.first())), in));
                out.add(Comparison.describe("F1+F2", "cv_spinglass", subject,
                        Comparison.finite(StandardizedShape.coefficientOfVariation(shape.second())), in));
            }
        }
        return out;
    }
}
