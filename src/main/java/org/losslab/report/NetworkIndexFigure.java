package org.losslab.report;

import static org.losslab.report.FigureData.integer;

import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.losslab.spec.JobSpec;

/**
 * Negative-eigenvalue fraction against final training loss, one series per width (findings F14, F15;
 * science.md §A.6): the trained networks' analogue of the spin-glass layering beside the spin-glass figures.
 * Critical points (whose fraction is the index fraction) and non-critical endpoints (curvature only, no
 * index claimed) are separate series.
 */
final class NetworkIndexFigure implements FigureSection {

    static final String VIEW = "v_network_hessian";

    @Override
    public String id() {
        return "network-index-vs-loss";
    }

    @Override
    public String title() {
        return "Hessian negative fraction against final train loss, per width";
    }

    @Override
    public String findings() {
        return "F14, F15";
    }

    @Override
    public String caption() {
        return "Each analysed trained network: the fraction of Hessian eigenvalues below −zero_tolerance·‖H‖ against "
                + "its final training loss, one colour per hidden width (H = 3 networks labelled apart). Circles "
                + "are critical points (‖∇L‖ ≤ critical_grad_norm): their fraction is the index fraction. "
                + "Triangles are endpoints that are not critical: the fraction describes curvature only and no "
                + "index is claimed. F14 expects, among critical points, higher loss with higher index; F15 a lower "
                + "index fraction at larger widths.";
    }

    @Override
    public List<ViewQuery> queries() {
        return List.of(ViewQuery.of(VIEW, List.of("run_key", "width", "hidden_layers", "critical", "negative_fraction",
                "final_train_loss"), "hidden_layers, width, run_key", "the hessian stage"));
    }

    @Override
    public Figure render(FigureData data) {
        XYChart c = Charts.xy(title(), "final training loss", "fraction of negative eigenvalues");
        int i = 0;
        for (Map.Entry<String, List<Map<String, Object>>> g : FigureData.group(data.of(VIEW),
                r -> label(integer(r, "width"), integer(r, "hidden_layers"))).entrySet()) {
            List<Map<String, Object>> critical = g.getValue().stream().filter(r -> Boolean.TRUE.equals(r.get("critical")))
                    .toList();
            List<Map<String, Object>> other = g.getValue().stream().filter(r -> !Boolean.TRUE.equals(r.get("critical")))
                    .toList();
            if (!critical.isEmpty()) {
                Charts.points(c, g.getKey() + ": " + critical.size() + " critical (index fraction)",
                        FigureData.column(critical, "final_train_loss"), FigureData.column(critical, "negative_fraction"),
                        Charts.color(i));
            }
            if (!other.isEmpty()) {
                Charts.points(c, g.getKey() + ": " + other.size() + " not critical (curvature only)",
                        FigureData.column(other, "final_train_loss"), FigureData.column(other, "negative_fraction"),
                        Charts.color(i)).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.TRIANGLE_DOWN);
            }
            i++;
        }
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        return new Figure(List.of(c), 1, Charts.WIDTH + 200, Charts.HEIGHT + 80);
    }

    /** {@code n1 = 25}, or {@code n1 = 25 (H = 3)} for two hidden layers. */
    static String label(int width, int hiddenLayers) {
        return "n1 = " + width + (hiddenLayers == 1 ? "" : " (H = " + (hiddenLayers + 1) + ")");
    }

    @Override
    public String notInSpec(JobSpec spec) {
        return spec.hessian() == null ? "no hessian section" : null;
    }
}
