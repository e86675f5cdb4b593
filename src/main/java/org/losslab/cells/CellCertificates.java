package org.losslab.cells;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Facade: runs every certificate of science.md §D.5 items 2–5 (findings F9–F11) for one settings
 * record and returns one {@link CertificateResult} per certificate, in this order:
 * spurious-minimum, spurious-minimum-negative-control, valley, in-cell-1-hidden,
 * in-cell-1-hidden-interior (generated data only: the constructed cell with an interior optimum, on its own
 * teacher data, {@link InteriorCellCase}), in-cell-2-hidden-control, linear-control. Deterministic for a given seed.
 */
public final class CellCertificates {

    private CellCertificates() {
    }

    public static List<CertificateResult> runAll(CellSettings s) {
        Dataset data = s.resolveData();
        List<CertificateResult> out = new ArrayList<>();
        int[] widths = new int[s.hiddenLayers() + 2];
        widths[0] = data.inputDim();
        for (int j = 1; j <= s.hiddenLayers(); j++) {
            widths[j] = s.width();
        }
        widths[widths.length - 1] = data.outputDim();
        Network net = new Network(widths, s.activation(), Loss.SQUARED);
        AffineFit fit = AffineFit.leastSquares(data);
        double[] scales = LinearCellConstruction.unitScales(net);
        LinearCellConstruction c = LinearCellConstruction.build(net, data, fit, s.eta(), scales);
        SpuriousMinimumCertifier.Options po = new SpuriousMinimumCertifier.Options(s.perturbations(), 1e-4, 1e-2, s.seed());
        out.add(SpuriousMinimumCertifier.certify("spurious-minimum", c, po));
        out.add(negativeControl(c, po));
        double[] far = scales.clone();
        for (int k = 0; k < far.length; k++) {
            far[k] = k % 2 == 0 ? 2.0 : 0.5;
        }
        out.add(Valley.certify("valley", net, data, s.eta(), scales, s.valleyEta(), far, s.valleyPoints()));
        if (data.outputDim() == 1) {
            out.add(InCellOptimality.oneHiddenLayer("in-cell-1-hidden", data, s.activation(), s.inCell()));
            if (s.data() == null) {
                out.add(InteriorCellCase.certify("in-cell-1-hidden-interior", Math.max(s.n(), 60), s.activation(),
                        s.inCell()));
            }
            out.add(InCellOptimality.twoHiddenLayerControl("in-cell-2-hidden-control", data, s.activation(), s.inCell()));
        } else {
            out.add(skipped("in-cell-1-hidden", data));
            out.add(skipped("in-cell-2-hidden-control", data));
        }
        int[] hidden = new int[s.hiddenLayers()];
        java.util.Arrays.fill(hidden, s.width());
        out.add(LinearNetworkControl.certify("linear-control", data, hidden, s.linearStarts(), 500, s.seed()));
        return out;
    }

    /**
     * The certifier applied to θ_lin with its output bias shifted by 1e−3 (not a minimum): passes iff
     * the certifier rejects it, showing the certificate can fail.
     */
    static CertificateResult negativeControl(LinearCellConstruction c, SpuriousMinimumCertifier.Options po) {
        long start = System.nanoTime();
        double[] broken = c.theta().clone();
        broken[c.network().biasIndex(c.network().layers() - 1, 0)] += 1e-3;
        CertificateResult r = SpuriousMinimumCertifier.certify("broken", c.withTheta(broken), po);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("broken_gradient_norm", r.measurement("gradient_norm"));
        m.put("broken_risk_minus_affine", r.measurement("risk_minus_affine"));
        m.put("broken_max_risk_decrease_in_cell", r.measurement("max_risk_decrease_in_cell"));
        m.put("broken_failed_checks", (double) r.checks().stream().filter(k -> !k.pass()).count());
        Map<String, String> s = new LinkedHashMap<>(r.settings());
        s.put("corruption", "output bias + 1e-3");
        List<Check> checks = List.of(new Check("certifier_rejects_broken_point", r.passed() ? 0 : 1, "==", 1, !r.passed()));
        return new CertificateResult("spurious-minimum-negative-control", "science.md §D.5 item 2 (negative control)", s, m,
                checks, (System.nanoTime() - start) / 1_000_000);
    }

    private static CertificateResult skipped(String name, Dataset data) {
        return new CertificateResult(name, "science.md §D.5 item 4",
                Map.of("data", data.name(), "status", "skipped: the in-cell convex program needs d_Y = 1, got " + data.outputDim()),
                Map.of(), List.of(), 0).vacuous("skipped: the in-cell convex program needs d_Y = 1, got " + data.outputDim());
    }
}
