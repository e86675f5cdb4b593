package org.losslab.comparison;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

/**
 * Spin-glass final energies (finding F1; docs/science.md §A.5.1, §B.7, decision rule §E.3). Only converged
 * descents count: one stopped at its step cap with the gradient norm above the tolerance is not a critical
 * point, so per (N, method) the fraction converged is reported and the rest are left out. Per size: the sd of
 * the final energies with a bootstrap interval, the mean, and the fractions below, in and above the band
 * {@code [−E_0, −E_∞]} with Wilson intervals (descriptive: at small N energies below −E_0 are a finite-N
 * effect). Per method, the verdict: the log-log slope of sd against N ({@link SpreadTrend}).
 * {@link #shapes} puts network test losses and spin-glass energies on one standardized axis (F1 with F2).
 */
public final class SpinGlassComparisons {

    private SpinGlassComparisons() {
    }

    public static List<Comparison> band(List<EnergySample> samples, double e0, double eInf, ComparisonSettings s) {
        List<Comparison> out = new ArrayList<>();
        String band = String.format("band [-E0, -E∞] = [%.6f, %.6f] (science.md §B.7)", -e0, -eInf);
        StatTest wilson = StatTest.of("Wilson score interval", s.alpha());
        Map<String, List<EnergySample>> byMethod = new TreeMap<>();
        for (EnergySample all : samples) {
            EnergySample ok = all.convergedOnly();
            int total = all.energies().length;
            out.add(fraction("descents_converged", all.subject(), ok.energies().length, total, all.inputs(), wilson, s)
                    .withVerdict(null, (total - ok.energies().length) + " of " + total
                            + " stopped at the step cap with the gradient norm above the tolerance: left out of F1"));
            ComparisonInputs in = ok.inputs();
            if (ok.energies().length > 0) {
                BandOccupancy b = BandOccupancy.of(ok.energies(), e0, eInf);
                int m = ok.energies().length;
                out.add(fraction("fraction_below_band", all.subject(), b.below(), m, in, wilson, s)
                        .withReference(null, band));
                out.add(fraction("fraction_in_band", all.subject(), b.inside(), m, in, wilson, s)
                        .withReference(null, band));
                out.add(fraction("fraction_above_band", all.subject(), b.above(), m, in, wilson, s)
                        .withReference(null, band));
                out.add(Comparison.describe("F1", "energy_mean", all.subject(),
                        Comparison.finite(SampleSummary.of(ok.energies()).mean()), in)
                        .withReference(-eInf, "-E∞ (science.md §B.4)"));
            }
            byMethod.computeIfAbsent(all.method(), k -> new ArrayList<>()).add(ok);
        }
        for (Map.Entry<String, List<EnergySample>> e : byMethod.entrySet()) {
            List<SpreadTrend.Group> groups = e.getValue().stream().sorted(Comparator.comparingInt(EnergySample::n))
                    .map(x -> new SpreadTrend.Group(x.subject(), x.n(), x.energies(), x.inputs())).toList();
            out.addAll(SpreadTrend.compare("F1", "energy", SpreadTrend.Spread.SD, "N", groups,
                    "all N (" + e.getKey() + ")", s));
        }
        return out;
    }

    private static Comparison fraction(String statistic, String subject, int hits, int n, ComparisonInputs in,
                                       StatTest test, ComparisonSettings s) {
        Comparison c = Comparison.describe("F1", statistic, subject, n == 0 ? null : hits / (double) n, in).withTest(test);
        if (n == 0) {
            return c;
        }
        ConfidenceInterval ci = new WilsonScoreInterval().createInterval(n, hits, 1 - s.alpha());
        return c.withInterval(Math.max(0.0, ci.getLowerBound()), Math.min(1.0, ci.getUpperBound()));
    }

    /** Shape, spread and KS distance of standardized network test losses against converged spin-glass energies. */
    public static List<Comparison> shapes(List<RunLosses> networks, List<EnergySample> spinGlass) {
        List<Comparison> out = new ArrayList<>();
        List<EnergySample> converged = spinGlass.stream().map(EnergySample::convergedOnly)
                .filter(e -> e.energies().length > 0).toList();
        if (converged.isEmpty()) {
            return out;
        }
        for (RunLosses net : networks) {
            for (String method : converged.stream().map(EnergySample::method).distinct().sorted().toList()) {
                EnergySample sg = converged.stream().filter(x -> x.method().equals(method))
                        .min(Comparator.comparingDouble(x -> Math.abs(Math.log(x.n() / (double) net.hiddenWidth()))))
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
