package org.losslab.reliability;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.losslab.spec.JobSpec;
import org.losslab.support.ReferenceTraining;
import org.losslab.training.PreparedData;

/**
 * What "nothing lost, nothing duplicated, nothing half-written" means in SQL: invariants that
 * hold after every committed transaction (so they hold at any instant a job is cut off), and the
 * comparison of a finished job with uninterrupted training.
 */
final class ResultsCheck {

    /** Every query returns the rows that violate one invariant. */
    static final Map<String, String> INVARIANTS = new TreeMap<>(Map.of(
            "completed run without its final epoch, final parameters, or with a checkpoint left", """
                    SELECT r.run_key FROM run r LEFT JOIN final_params f USING (run_id)
                    WHERE r.status = 'COMPLETED' AND (r.epochs_done <> r.epochs_planned OR f.run_id IS NULL
                        OR EXISTS (SELECT 1 FROM checkpoint c WHERE c.run_id = r.run_id))""",
            "running run whose checkpoint is missing or not at its last recorded epoch", """
                    SELECT r.run_key FROM run r LEFT JOIN checkpoint c USING (run_id)
                    WHERE r.status = 'RUNNING' AND (c.run_id IS NULL OR c.epoch <> r.epochs_done
                        OR EXISTS (SELECT 1 FROM final_params f WHERE f.run_id = r.run_id))""",
            "pending or diverged run with a checkpoint or final parameters", """
                    SELECT r.run_key FROM run r WHERE r.status IN ('PENDING', 'DIVERGED')
                        AND (EXISTS (SELECT 1 FROM checkpoint c WHERE c.run_id = r.run_id)
                          OR EXISTS (SELECT 1 FROM final_params f WHERE f.run_id = r.run_id))""",
            "run whose metric rows are not exactly epochs 1..epochs_done", """
                    SELECT r.run_key FROM run r LEFT JOIN epoch_metric m USING (run_id)
                    GROUP BY r.run_key, r.epochs_done
                    HAVING count(m.epoch) <> r.epochs_done OR coalesce(max(m.epoch), 0) <> r.epochs_done""",
            "partition completed by more than one execution", """
                    SELECT s.step_name FROM batch_step_execution s JOIN batch_job_execution j USING (job_execution_id)
                    WHERE s.status = 'COMPLETED' AND s.step_name LIKE 'train-block:%'
                    GROUP BY j.job_instance_id, s.step_name HAVING count(*) > 1"""));

    private ResultsCheck() {
    }

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }

    /** Descriptions of violated invariants with the offending keys; empty when consistent. */
    static List<String> violations(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> inv : INVARIANTS.entrySet()) {
            List<String> keys = strings(c, inv.getValue());
            if (!keys.isEmpty()) {
                out.add(inv.getKey() + ": " + keys);
            }
        }
        return out;
    }

    static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static long scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** width/restart → params_sha256 of every run in the database. */
    static Map<String, String> finalParams(Connection c) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT widths[2], restart, params_sha256 FROM v_runs")) {
            while (rs.next()) {
                out.put(rs.getInt(1) + "/" + rs.getInt(2), rs.getString(3));
            }
        }
        return out;
    }

    /** The same map from uninterrupted training without Spring Batch or a database. */
    static Map<String, String> reference(JobSpec spec) {
        PreparedData data = ReferenceTraining.data(spec);
        Map<String, String> out = new TreeMap<>();
        for (int width : spec.training().hiddenWidths()) {
            ReferenceTraining.finalParamsSha256(spec, data, width).forEach((r, sha) -> out.put(width + "/" + r, sha));
        }
        return out;
    }

    static JobSpec spec(List<String> sets) {
        return JobSpec.load(Path.of("jobs/quickstart.yaml"), sets);
    }

    static String[] runArgs(List<String> sets) {
        List<String> args = new ArrayList<>(List.of("run", "jobs/quickstart.yaml"));
        sets.forEach(s -> args.addAll(List.of("--set", s)));
        return args.toArray(String[]::new);
    }
}
