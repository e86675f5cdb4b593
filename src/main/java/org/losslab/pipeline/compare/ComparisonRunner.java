package org.losslab.pipeline.compare;

import java.util.ArrayList;
import java.util.List;
import org.losslab.comparison.AnnealingComparisons;
import org.losslab.comparison.CellComparisons;
import org.losslab.comparison.Comparison;
import org.losslab.comparison.ComparisonSettings;
import org.losslab.comparison.EnergySample;
import org.losslab.comparison.EnumerationComparisons;
import org.losslab.comparison.EnumerationCountRow;
import org.losslab.comparison.HessianComparisons;
import org.losslab.comparison.KacRiceComparisons;
import org.losslab.comparison.NetworkComparisons;
import org.losslab.comparison.RegionComparisons;
import org.losslab.comparison.RunLosses;
import org.losslab.comparison.SpinGlassComparisons;
import org.losslab.theory.ComplexityThresholds;
import org.losslab.theory.SpinGlassComplexity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Computes every comparison its inputs allow, for one experiment, with the decision rules of
 * docs/science.md §E.3 at the level and bootstrap settings of the spec's {@code compare:} section: the network
 * findings F2–F5 (descent runs), F6 for networks trained by SGD and by annealing, the spin-glass findings F1 (converged descents only) and the standardized shape comparison,
 * region statistics F7, Kac–Rice convergence F8, the cell certificates F9–F11, the enumeration F13 and the trained
 * networks' Hessian index F14–F15. The theory values (E_0, E_∞,
 * Θ) come from {@code org.losslab.theory}. Used by the compare step and, for executions whose compare step has
 * not run, by the report (as provisional values).
 */
public final class ComparisonRunner {

    /** H = 3, the depth the spin-glass experiments use (science.md §A.5.1). */
    static final int SPIN_GLASS_P = 3;

    private ComparisonRunner() {
    }

    /** The comparisons, and what was missing for the others. */
    public record Result(List<Comparison> comparisons, List<String> missing) {
    }

    public static Result compute(JdbcTemplate jdbc, long experimentId) {
        ComparisonSources src = new ComparisonSources(jdbc, experimentId);
        ComparisonSettings s = src.settings();
        List<Comparison> out = new ArrayList<>();
        List<RunLosses> networks = src.networkLosses();
        if (!networks.isEmpty()) {
            out.addAll(NetworkComparisons.compare(networks, src.references("F4", "pearson_train_test"), s));
        }
        List<String> trainers = NetworkSources.trainers(jdbc, experimentId);
        String sgd = trainers.stream().filter(t -> !AnnealingComparisons.METHOD.equals(t)).findFirst().orElse(null);
        if (sgd != null && trainers.contains(AnnealingComparisons.METHOD)) {
            out.addAll(AnnealingComparisons.networks(
                    NetworkSources.losses(jdbc, experimentId, AnnealingComparisons.METHOD),
                    NetworkSources.losses(jdbc, experimentId, sgd), sgd,
                    NetworkSources.annealMargin(jdbc, experimentId), s));
        }
        List<EnergySample> spinGlass = src.spinGlass();
        if (!spinGlass.isEmpty()) {
            out.addAll(SpinGlassComparisons.band(spinGlass, ComplexityThresholds.threshold(0, SPIN_GLASS_P),
                    SpinGlassComplexity.eInf(SPIN_GLASS_P), s));
            out.addAll(SpinGlassComparisons.shapes(networks, spinGlass));
            out.addAll(AnnealingComparisons.compare(spinGlass, src.annealMargin(), s));
        }
        out.addAll(RegionComparisons.compare(src.regionStats(), "v_region_stats", s));
        out.addAll(KacRiceComparisons.compare(src.kacRice(), (k, p) -> SpinGlassComplexity.theta(k, p, 0.0), "v_kac_rice",
                s));
        out.addAll(CellComparisons.compare(src.cellCertificates(), "v_cell_certificates"));
        List<EnumerationCountRow> enumerated = src.enumerationCounts();
        if (!enumerated.isEmpty()) {
            out.addAll(EnumerationComparisons.compare(enumerated, src.enumerationEnergy(), "v_enumeration_counts", s));
        }
        out.addAll(HessianComparisons.compare(HessianSources.networks(jdbc, experimentId, src.missing()), s));
        return new Result(out, src.missing());
    }
}
