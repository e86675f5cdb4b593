package org.losslab.report;

import static org.losslab.report.FigureData.column;
import static org.losslab.report.FigureData.integer;

import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.losslab.spec.JobSpec;

/** Test-loss distribution per hidden width as kernel density curves (finding F2; science.md §A.5.2 (i)). */
final class TestLossDistributionFigure implements FigureSection {

    static final String VIEW = "v_fig_test_loss_distribution";

    @Override
    public String id() {
        return "test-loss-distribution";
    }

    @Override
    public String title() {
        return "Test-loss distribution per hidden width";
    }

    @Override
    public String findings() {
        return "F2";
    }

    @Override
    public String caption() {
        return "Final test loss of every completed run, one Gaussian kernel density per hidden width n1 "
                + "(Scott bandwidth) drawn over the range of its values, each run marked + at 0. F2 expects the "
                + "distributions to concentrate as n1 grows.";
    }

    @Override
    public List<ViewQuery> queries() {
        return List.of(ViewQuery.of(VIEW, List.of("hidden_width", "run_key", "test_loss"), "hidden_width, run_key",
                "the train step (v_runs)"));
    }

    @Override
    public Figure render(FigureData data) {
        XYChart c = Charts.xy(title(), "final test loss (NLL)", "density");
        int i = 0;
        for (Map.Entry<Integer, List<Map<String, Object>>> e
                : FigureData.group(data.of(VIEW), r -> integer(r, "hidden_width")).entrySet()) {
            double[] loss = column(e.getValue(), "test_loss");
            Kde kde = Kde.of(loss, 240);
            String name = "n1 = " + e.getKey() + " (" + loss.length + " runs)";
            if (kde == null) {
                Charts.points(c, name + ", no spread", loss, new double[loss.length], Charts.color(i));
            } else {
                Charts.line(c, name, kde.x(), kde.density(), Charts.color(i));
                Charts.rug(c, name, loss, 0, Charts.color(i));
            }
            i++;
        }
        Charts.roundTicks(c);
        return Figure.single(c);
    }

    @Override
    public String notInSpec(JobSpec spec) {
        return spec.training() == null ? "no training section" : null;
    }
}
