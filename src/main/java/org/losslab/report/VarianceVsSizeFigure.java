package org.losslab.report;

import static org.losslab.report.FigureData.num;

import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.losslab.spec.JobSpec;

/** Test-loss variance against hidden width on log-log axes with its least-squares line from ≥ 3 widths (finding F3). */
final class VarianceVsSizeFigure implements FigureSection {

    static final String VIEW = "v_fig_test_loss_variance";

    @Override
    public String id() {
        return "test-loss-variance";
    }

    @Override
    public String title() {
        return "Variance of the test loss against hidden width";
    }

    @Override
    public String findings() {
        return "F3";
    }

    @Override
    public String caption() {
        return "Sample variance of the final test loss per hidden width n1, log-log axes, with the least-squares "
                + "fit of ln(variance) on ln(n1) computed in the view, drawn only from three or more widths (a line "
                + "through two points always fits). F3 expects a negative slope; its verdict rests on the bootstrap "
                + "interval of that slope (table comparison).";
    }

    @Override
    public List<ViewQuery> queries() {
        return List.of(ViewQuery.of(VIEW, List.of("hidden_width", "n_completed", "test_loss_variance", "loglog_slope",
                "loglog_intercept", "loglog_r2"), "hidden_width", "the train step (v_runs)"));
    }

    @Override
    public Figure render(FigureData data) {
        List<Map<String, Object>> rows = data.of(VIEW).stream().filter(r -> num(r, "test_loss_variance") > 0).toList();
        if (rows.isEmpty()) {
            throw new IllegalStateException("no width has two or more completed runs (a variance needs two)");
        }
        XYChart c = Charts.xy(title(), "hidden width n1 (log scale)", "variance of final test loss (log scale)");
        Charts.log10Axes(c, true, true, FigureData.column(rows, "hidden_width"));
        c.getStyler().setMarkerSize(10);
        double[] x = FigureData.column(rows, "hidden_width");
        Charts.points(c, "variance per width", Charts.log10(x),
                Charts.log10(FigureData.column(rows, "test_loss_variance")), Charts.color(0));
        double slope = num(rows.get(0), "loglog_slope");
        if (rows.size() >= 3 && Double.isFinite(slope)) {
            double a = num(rows.get(0), "loglog_intercept");
            double lo = x[0];
            double hi = x[x.length - 1];
            Charts.line(c, String.format("fit: ln var = %.2f %+.3f ln n1 (R² = %.2f)", a, slope,
                    num(rows.get(0), "loglog_r2")), new double[] {Math.log10(lo), Math.log10(hi)},
                    new double[] {(a + slope * Math.log(lo)) / Math.log(10), (a + slope * Math.log(hi)) / Math.log(10)},
                    Charts.color(1));
        }
        return Figure.single(c);
    }

    @Override
    public String notInSpec(JobSpec spec) {
        return spec.training() == null ? "no training section" : null;
    }
}
