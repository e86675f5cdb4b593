package org.losslab.report;

import static org.losslab.report.FigureData.integer;
import static org.losslab.report.FigureData.num;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.losslab.spec.JobSpec;

/** Final train loss against final test loss, one panel per hidden width, titled with Pearson r (F4, F5). */
final class TrainTestScatterFigure implements FigureSection {

    static final String VIEW = "v_fig_train_test_scatter";
    static final int COLUMNS = 3;

    @Override
    public String id() {
        return "train-test-scatter";
    }

    @Override
    public String title() {
        return "Train loss against test loss per hidden width";
    }

    @Override
    public String findings() {
        return "F4, F5";
    }

    @Override
    public String caption() {
        return "Each point is one completed run. Panel titles give the Pearson correlation r computed in the view. "
                + "F4 expects r to decrease with n1; F5 that the lowest train losses are not the lowest test losses.";
    }

    @Override
    public List<ViewQuery> queries() {
        return List.of(ViewQuery.of(VIEW, List.of("hidden_width", "run_key", "train_loss", "test_loss", "n", "pearson_r"),
                "hidden_width, run_key", "the train step (v_runs)"));
    }

    @Override
    public Figure render(FigureData data) {
        List<XYChart> panels = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Integer, List<Map<String, Object>>> e
                : FigureData.group(data.of(VIEW), r -> integer(r, "hidden_width")).entrySet()) {
            Map<String, Object> first = e.getValue().get(0);
            double r = num(first, "pearson_r");
            String title = "n1 = " + e.getKey() + ":  r = " + (Double.isNaN(r) ? "n/a" : String.format("%.3f", r))
                    + "  (n = " + integer(first, "n") + ")";
            XYChart c = Charts.xy(title, "final train loss", "final test loss", 440, 380);
            c.getStyler().setLegendVisible(false);
            c.getStyler().setMarkerSize(6);
            Charts.points(c, "runs", FigureData.column(e.getValue(), "train_loss"),
                    FigureData.column(e.getValue(), "test_loss"), Charts.color(i++));
            panels.add(c);
        }
        return new Figure(panels, Math.min(COLUMNS, panels.size()), 440, 380);
    }

    @Override
    public String notInSpec(JobSpec spec) {
        return spec.training() == null ? "no training section" : null;
    }
}
