package org.losslab.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.losslab.support.TestDatabase;

/**
 * Issue #18 item 3: every view is a function of the rows, not of the order they lie on disk. The same
 * results (same natural keys, same ids, same values) are inserted into two databases in opposite orders,
 * and every view of the schema is compared byte for byte (each row as PostgreSQL's text of the row,
 * which prints doubles exactly). Before V28, corr, var_samp and regr_* differed in the last digits.
 */
class OrderIndependentViewsIT {

    static final int[] WIDTHS = {10, 25, 50, 100};
    static final int RUNS_PER_WIDTH = 80;

    @Test
    void everyViewIsBitIdenticalWhateverTheInsertionOrder() throws Exception {
        try (TestDatabase forward = TestDatabase.create(); TestDatabase backward = TestDatabase.create()) {
            List<Object[]> runs = runs();
            fill(forward, runs);
            List<Object[]> reversed = new ArrayList<>(runs);
            Collections.reverse(reversed);
            fill(backward, reversed);
            Map<String, List<String>> a = views(forward);
            Map<String, List<String>> b = views(backward);
            assertThat(a.keySet()).contains("v_fig_correlation_vs_size", "v_fig_test_loss_variance", "v_fig_train_test_scatter");
            assertThat(a.get("v_fig_correlation_vs_size")).hasSize(WIDTHS.length);
            for (String view : a.keySet()) {
                assertThat(b.get(view)).as("view %s in the two databases", view).isEqualTo(a.get(view));
            }
        }
    }

    /** Run rows {run_id, run_key, width, restart, train_loss, test_loss} with losses over several decades. */
    static List<Object[]> runs() {
        Random rnd = new Random(18);
        List<Object[]> out = new ArrayList<>();
        long id = 1;
        for (int w : WIDTHS) {
            for (int r = 0; r < RUNS_PER_WIDTH; r++) {
                double train = Math.exp(3 * rnd.nextGaussian()) / 7;
                double test = train * (1 + 0.3 * rnd.nextGaussian()) + Math.exp(rnd.nextGaussian()) / 11;
                out.add(new Object[] {id++, String.format("order/w%03d/r%03d", w, r), w, r, train, test});
            }
        }
        return out;
    }

    static void fill(TestDatabase db, List<Object[]> runs) throws Exception {
        Flyway.configure().dataSource(db.url(), db.user(), "").locations("classpath:db/migration").load().migrate();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key) VALUES (1, 0, 'order', 'k')");
            s.execute("INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time, status) "
                    + "VALUES (1, 0, 1, '2026-01-01', 'COMPLETED')");
            s.execute("INSERT INTO batch_step_execution (step_execution_id, version, step_name, job_execution_id, create_time) "
                    + "VALUES (1, 0, 'train:p0', 1, '2026-01-01')");
            s.execute("INSERT INTO experiment (experiment_id, job_instance_id, name, spec_sha256, spec_text, seed) "
                    + "VALUES (1, 1, 'order', 'sha', 'name: order', 1)");
            s.execute("INSERT INTO dataset (dataset_sha256, source, split, n_train, n_test, image_rows, image_cols, payload) "
                    + "VALUES ('d', 'synthetic', 'x', 1, 1, 28, 28, '\\x00')");
            try (PreparedStatement run = c.prepareStatement("INSERT INTO run (run_id, experiment_id, run_key, architecture, "
                    + "widths, activation, seed, restart, dataset_sha256, status, epochs_planned, epochs_done, job_execution_id) "
                    + "VALUES (?, 1, ?, 'mlp', ARRAY[784, ?, 10], 'relu', ?, ?, 'd', 'COMPLETED', 1, 1, 1)");
                 PreparedStatement metric = c.prepareStatement("INSERT INTO epoch_metric (run_id, epoch, learning_rate, "
                         + "train_loss, test_loss, train_error, test_error, seconds, step_execution_id) "
                         + "VALUES (?, 1, 0.1, ?, ?, 0.5, 0.5, 1, 1)")) {
                for (Object[] r : runs) {
                    run.setLong(1, (Long) r[0]);
                    run.setString(2, (String) r[1]);
                    run.setInt(3, (Integer) r[2]);
                    run.setLong(4, (Long) r[0]);
                    run.setInt(5, (Integer) r[3]);
                    run.executeUpdate();
                    metric.setLong(1, (Long) r[0]);
                    metric.setDouble(2, (Double) r[4]);
                    metric.setDouble(3, (Double) r[5]);
                    metric.executeUpdate();
                }
            }
            s.execute("ANALYZE");
        }
    }

    /** Every view's rows as text, sorted: the order of rows is not part of a view's meaning, their bytes are. */
    static Map<String, List<String>> views(TestDatabase db) throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT viewname FROM pg_views WHERE schemaname = 'public'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String v : names) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT t::text FROM " + v + " t")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
                Collections.sort(rows);
                out.put(v, rows);
            }
        }
        return out;
    }
}
