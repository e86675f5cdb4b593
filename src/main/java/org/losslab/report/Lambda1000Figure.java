package org.losslab.report;

import static org.losslab.report.FigureData.integer;
import static org.losslab.report.FigureData.num;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.losslab.spec.JobSpec;
import org.losslab.theory.SpinGlassComplexity;

/**
 * Choromanska's "Λ = 1000" plot (science.md §A.4, §B.8 item 3): the leading-order mean numbers
 * exp(ΛΘ_{k,3}(u)) of index-k critical points below u at Λ = 1000 over u ∈ [−1.665, −1.625], raw
 * (log axis) and each normalized to maximum 1, with −E_0 and −E_∞ marked.
 */
final class Lambda1000Figure implements FigureSection {

    static final double LAMBDA = 1000;

    @Override
    public String id() {
        return "complexity-lambda1000";
    }

    @Override
    public String title() {
        return "Mean number of critical points at Λ = 1000";
    }

    @Override
    public String findings() {
        return "F1";
    }

    @Override
    public String caption() {
        return "exp(Λ Θₖ,₃(u)) at Λ = 1000 for k = 0.." + ComplexityFigure.MAX_K
                + " (leading order, no prefactor; science.md §B.8 item 3), computed from v_complexity. Left: raw, "
                + "as log10; right: each curve divided by its maximum. Dashed: −E₀ and −E∞.";
    }

    @Override
    public List<ViewQuery> queries() {
        return List.of(ViewQuery.of(ComplexityFigure.VIEW, List.of("p", "k", "u", "theta"), "k, u", "the theory stage")
                        .where("p = 3 AND k <= " + ComplexityFigure.MAX_K + " AND u BETWEEN "
                                + ComplexityFigure.BAND_LOW + " AND " + ComplexityFigure.BAND_HIGH),
                ViewQuery.of(SpinGlassEnergyFigure.THRESHOLDS, List.of("p", "k", "e_k"), "k", "the theory stage")
                        .where("p = 3 AND k = 0").optional());
    }

    @Override
    public Figure render(FigureData data) {
        XYChart raw = Charts.xy("exp(1000 Θₖ,₃(u))", "energy density u = H/N", "log10 of the mean number");
        XYChart normalized = Charts.xy("exp(1000 Θₖ,₃(u)), normalized", "energy density u = H/N",
                "fraction of maximum");
        double rawMin = Double.POSITIVE_INFINITY;
        double rawMax = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Integer, List<Map<String, Object>>> e
                : FigureData.group(data.of(ComplexityFigure.VIEW), r -> integer(r, "k")).entrySet()) {
            double[] u = FigureData.column(e.getValue(), "u");
            double[] theta = FigureData.column(e.getValue(), "theta");
            double max = java.util.Arrays.stream(theta).max().orElseThrow();
            double[] y = new double[u.length];
            double[] n = new double[u.length];
            for (int i = 0; i < u.length; i++) {
                y[i] = LAMBDA * theta[i] / Math.log(10);
                n[i] = Math.exp(LAMBDA * (theta[i] - max));
                rawMin = Math.min(rawMin, y[i]);
                rawMax = Math.max(rawMax, y[i]);
            }
            Charts.line(raw, "k = " + e.getKey(), u, y, Charts.color(e.getKey()));
            Charts.line(normalized, "k = " + e.getKey(), u, n, Charts.color(e.getKey()));
        }
        List<Map<String, Object>> t = data.of(SpinGlassEnergyFigure.THRESHOLDS);
        List<XYChart> panels = new ArrayList<>(List.of(raw, normalized));
        for (XYChart c : panels) {
            boolean log = c == raw;
            double y0 = log ? rawMin : 0;
            double y1 = log ? rawMax : 1;
            if (!t.isEmpty()) {
                Charts.vertical(c, String.format("−E₀ = %.4f", -num(t.get(0), "e_k")), -num(t.get(0), "e_k"), y0, y1, Color.BLACK);
            }
            Charts.vertical(c, String.format("−E∞ = %.4f", -SpinGlassComplexity.eInf(3)), -SpinGlassComplexity.eInf(3), y0, y1,
                    Color.GRAY);
            Charts.roundTicks(c);
            c.getStyler().setLegendPosition(log ? org.knowm.xchart.style.Styler.LegendPosition.InsideSE
                    : org.knowm.xchart.style.Styler.LegendPosition.InsideN);
        }
        return new Figure(panels, 2, Charts.WIDTH, Charts.HEIGHT);
    }

    @Override
    public String notInSpec(JobSpec spec) {
        return spec.theory() == null ? "no theory section" : !spec.theory().p().contains(3) ? "theory.p does not include 3" : null;
    }
}
