package org.losslab.report;

import static org.losslab.report.FigureData.num;

import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.losslab.spec.JobSpec;

/** Train–test Pearson r against hidden width with 95% intervals, next to the recalled Table 1 values (F4). */
final class CorrelationVsSizeFigure implements FigureSection {

    static final String VIEW = "v_fig_correlation_vs_size";

    @Override
    public String id() {
        return "correlation-vs-size";
    }

    @Override
    public String title() {
        return "Train-test correlation against hidden width";
    }

    @Override
    public String findings() {
        return "F4";
    }

    @Override
    public String caption() {
        return "Pearson r between final train and test loss per hidden width, with its 95% Fisher-z interval "
                + "(capped bars), and beside it the correlations recalled from Choromanska et al. 2015 Table 1 "
                + "(recalled, unverified; science.md §A.5.2; a side note, not the verdict). F4 expects r to decrease "
                + "with n1.";
    }

    @Override
    public List<ViewQuery> queries() {
        return List.of(ViewQuery.of(VIEW, List.of("hidden_width", "n", "pearson_r", "ci_low", "ci_high", "recalled_r",
                "recalled_status"), "hidden_width", "the train step (v_runs) and reference_value"));
    }

    @Override
    public Figure render(FigureData data) {
        List<Map<String, Object>> rows = data.of(VIEW).stream().filter(r -> Double.isFinite(num(r, "pearson_r"))).toList();
        if (rows.isEmpty()) {
            throw new IllegalStateException("no width has three or more completed runs (r needs three)");
        }
        XYChart c = Charts.xy(title(), "hidden width n1 (log scale)", "Pearson r (train, test)");
        Charts.log10Axes(c, true, false, FigureData.column(rows, "hidden_width"));
        c.getStyler().setYAxisDecimalPattern("0.0#");
        c.getStyler().setMarkerSize(9);
        c.getStyler().setYAxisMin(Math.min(0.0, rows.stream().mapToDouble(r -> finiteOr(num(r, "ci_low"), num(r, "pearson_r")))
                .min().orElse(0) - 0.05));
        c.getStyler().setYAxisMax(1.0);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
        double[] x = Charts.log10(FigureData.column(rows, "hidden_width"));
        double span = x.length > 1 ? x[x.length - 1] - x[0] : 1;
        // the recalled values first and beside the measured points (dodged right), so they never hide them
        List<Map<String, Object>> recalled = data.of(VIEW).stream().filter(r -> Double.isFinite(num(r, "recalled_r"))).toList();
        if (!recalled.isEmpty()) {
            double[] rx = Charts.log10(FigureData.column(recalled, "hidden_width"));
            for (int i = 0; i < rx.length; i++) {
                rx[i] += 0.04 * span;
            }
            XYSeries s = Charts.points(c, "paper Table 1 (recalled, unverified)", rx, FigureData.column(recalled, "recalled_r"),
                    Charts.color(1));
            s.setMarker(SeriesMarkers.DIAMOND);
        }
        Charts.errorBars(c, "ci", x, FigureData.column(rows, "ci_low"), FigureData.column(rows, "ci_high"), 0.015 * span,
                Charts.color(0));
        Charts.points(c, "this run: r with 95% interval", x, FigureData.column(rows, "pearson_r"), Charts.color(0))
                .setMarker(SeriesMarkers.CIRCLE);
        return Figure.single(c);
    }

    private static double finiteOr(double x, double fallback) {
        return Double.isFinite(x) ? x : fallback;
    }

    @Override
    public String notInSpec(JobSpec spec) {
        return spec.training() == null ? "no training section" : null;
    }
}
