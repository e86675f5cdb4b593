package org.losslab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Training and test loss per epoch, the mean over an experiment's runs for each hidden width, from
 * {@code epoch_metric} as the train step writes it: the live view's curves while training runs (losslab
 * serve). Non-finite losses (diverged runs) are left out of the means.
 */
public final class LossCurvesFigure {

    static final String SQL = """
            SELECT r.widths[2] AS hidden_width, m.epoch,
                   avg(m.train_loss) FILTER (WHERE m.train_loss < 'Infinity') AS train_loss,
                   avg(m.test_loss) FILTER (WHERE m.test_loss < 'Infinity') AS test_loss
            FROM epoch_metric m JOIN run r USING (run_id)
            WHERE r.experiment_id = ? GROUP BY 1, 2 ORDER BY 1, 2""";

    private LossCurvesFigure() {
    }

    /** The two panels (train, test) as one figure; an empty panel while no epoch has finished. */
    public static Figure of(JdbcTemplate jdbc, long experimentId) {
        Map<Integer, List<Map<String, Object>>> byWidth = new TreeMap<>();
        for (Map<String, Object> r : jdbc.queryForList(SQL, experimentId)) {
            byWidth.computeIfAbsent(((Number) r.get("hidden_width")).intValue(), w -> new ArrayList<>()).add(r);
        }
        XYChart train = Charts.xy("Training loss (mean over runs)", "epoch", "train loss (NLL)", 560, 380);
        XYChart test = Charts.xy("Test loss (mean over runs)", "epoch", "test loss (NLL)", 560, 380);
        int i = 0;
        for (Map.Entry<Integer, List<Map<String, Object>>> e : byWidth.entrySet()) {
            add(train, "n1 = " + e.getKey(), e.getValue(), "train_loss", i);
            add(test, "n1 = " + e.getKey(), e.getValue(), "test_loss", i);
            i++;
        }
        if (byWidth.isEmpty()) {
            train.addSeries("no epoch finished yet", new double[] {0}, new double[] {0});
            test.addSeries("no epoch finished yet", new double[] {0}, new double[] {0});
        }
        return new Figure(List.of(train, test), 2, 560, 380);
    }

    private static void add(XYChart c, String name, List<Map<String, Object>> rows, String column, int i) {
        List<double[]> points = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            if (r.get(column) instanceof Number v) {
                points.add(new double[] {((Number) r.get("epoch")).doubleValue(), v.doubleValue()});
            }
        }
        if (!points.isEmpty()) {
            Charts.line(c, name, points.stream().mapToDouble(p -> p[0]).toArray(),
                    points.stream().mapToDouble(p -> p[1]).toArray(), Charts.color(i));
        }
    }
}
