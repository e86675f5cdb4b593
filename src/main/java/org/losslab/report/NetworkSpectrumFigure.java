package org.losslab.report;

import static org.losslab.report.FigureData.integer;
import static org.losslab.report.FigureData.num;
import static org.losslab.report.FigureData.str;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.losslab.spec.JobSpec;

/**
 * The Hessian spectral density of the analysed networks, one panel per width (science.md §A.6): each
 * network's histogram (exact eigenvalues, or SLQ weights) over [λ_min, λ_max] as the log10 of the fraction
 * of eigenvalues per bin; empty bins are not drawn.
 */
final class NetworkSpectrumFigure implements FigureSection {

    static final String VIEW = "v_network_hessian_density";

    @Override
    public String id() {
        return "network-spectral-density";
    }

    @Override
    public String title() {
        return "Hessian spectral density per width";
    }

    @Override
    public String findings() {
        return "F14, F15";
    }

    @Override
    public String caption() {
        return "The spectrum of the Hessian of the training loss of each analysed network, one panel per hidden "
                + "width: the fraction of eigenvalues in each of equal-width bins over [λ_min, λ_max], log10, one line "
                + "per network (exact eigenvalues, or the stochastic Lanczos quadrature for large networks). The bulk "
                + "sits at 0; the index counts only the mass below −zero_tolerance·‖H‖ (see v_network_hessian).";
    }

    @Override
    public List<ViewQuery> queries() {
        return List.of(ViewQuery.of(VIEW, List.of("run_key", "width", "hidden_layers", "method", "bin", "lo", "hi",
                "mass"), "hidden_layers, width, run_key, bin", "the hessian stage"));
    }

    @Override
    public Figure render(FigureData data) {
        List<XYChart> panels = new ArrayList<>();
        for (Map.Entry<String, List<Map<String, Object>>> w : FigureData.group(data.of(VIEW),
                r -> NetworkIndexFigure.label(integer(r, "width"), integer(r, "hidden_layers"))).entrySet()) {
            XYChart c = Charts.xy(title() + ": " + w.getKey(), "eigenvalue", "log10 fraction of eigenvalues in bin");
            int i = 0;
            for (Map.Entry<String, List<Map<String, Object>>> run : FigureData.group(w.getValue(),
                    r -> str(r, "run_key")).entrySet()) {
                List<Map<String, Object>> filled = run.getValue().stream().filter(r -> num(r, "mass") > 0).toList();
                double[] x = filled.stream().mapToDouble(r -> (num(r, "lo") + num(r, "hi")) / 2).toArray();
                double[] y = filled.stream().mapToDouble(r -> Math.log10(num(r, "mass"))).toArray();
                // restart-3, or restart-3/batched when the spec lists several trainers
                String name = run.getKey().substring(Math.max(0, run.getKey().lastIndexOf("restart-"))) + " ("
                        + str(run.getValue().get(0), "method") + ")";
                Charts.line(c, name, x, y, Charts.color(i++));
            }
            c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
            panels.add(c);
        }
        return new Figure(panels, 1, Charts.WIDTH + 200, Charts.HEIGHT + 80);
    }

    @Override
    public String notInSpec(JobSpec spec) {
        return spec.hessian() == null ? "no hessian section" : null;
    }
}
