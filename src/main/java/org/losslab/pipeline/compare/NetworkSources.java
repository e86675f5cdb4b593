package org.losslab.pipeline.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslab.BadInputException;
import org.losslab.comparison.RunLosses;
import org.losslab.spec.JobSpec;
import org.losslab.spec.TrainingSpec;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the final losses of an experiment's completed network runs: the descent runs for F2–F5 and, per trainer,
 * the runs F6 compares when the spec lists several trainers (docs/science.md §A.5.3).
 */
final class NetworkSources {

    private NetworkSources() {
    }

    /** The trainers of the experiment's completed runs, in name order. */
    static List<String> trainers(JdbcTemplate jdbc, long experimentId) {
        return jdbc.queryForList("SELECT DISTINCT trainer FROM run WHERE experiment_id = ? AND status = 'COMPLETED' "
                + "AND trainer IS NOT NULL ORDER BY 1", String.class, experimentId);
    }

    /** F6's margin for networks: {@code training.anneal_margin} of the stored spec (its default if unreadable). */
    static double annealMargin(JdbcTemplate jdbc, long experimentId) {
        String text = jdbc.queryForObject("SELECT spec_text FROM experiment WHERE experiment_id = ?", String.class,
                experimentId);
        try {
            TrainingSpec t = JobSpec.fromText("spec of experiment " + experimentId, text).training();
            return t == null ? TrainingSpec.DEFAULT_ANNEAL_MARGIN : t.annealMargin();
        } catch (BadInputException ex) {
            return TrainingSpec.DEFAULT_ANNEAL_MARGIN;
        }
    }

    /** The completed descent runs (F2–F5: {@code v_descent_runs}), ordered as {@link #losses} reads them. */
    private static final String DESCENT = "SELECT widths[2], run_key, final_train_loss, final_test_loss, "
            + "cardinality(widths) - 2 FROM v_descent_runs WHERE experiment_id = ? AND status = 'COMPLETED' "
            + "ORDER BY 5, widths[2], restart, run_key";
    /** The completed runs of one trainer (F6: {@code v_runs}). */
    private static final String OF_TRAINER = "SELECT widths[2], run_key, final_train_loss, final_test_loss, "
            + "cardinality(widths) - 2 FROM v_runs WHERE experiment_id = ? AND status = 'COMPLETED' AND trainer = ? "
            + "ORDER BY 5, widths[2], restart, run_key";

    /**
     * Completed runs, one entry per (hidden layers, hidden width) in increasing order: the descent runs of
     * {@code v_descent_runs} when {@code trainer} is null, else those of one trainer in {@code v_runs}.
     */
    static List<RunLosses> losses(JdbcTemplate jdbc, long experimentId, String trainer) {
        Map<List<Integer>, List<Object[]>> byWidth = new LinkedHashMap<>(); // (hidden layers, n1): H = 3 apart
        String view = trainer == null ? "v_descent_runs" : "v_runs";
        Object[] args = trainer == null ? new Object[] {experimentId} : new Object[] {experimentId, trainer};
        jdbc.query(trainer == null ? DESCENT : OF_TRAINER,
                rs -> {
                    byWidth.computeIfAbsent(List.of(rs.getInt(5), rs.getInt(1)), w -> new ArrayList<>())
                            .add(new Object[] {rs.getString(2), rs.getDouble(3), rs.getDouble(4)});
                }, args);
        List<RunLosses> out = new ArrayList<>();
        String source = view + ": COMPLETED runs of experiment " + experimentId
                + (trainer == null ? "" : " trained by " + trainer) + ", final epoch";
        byWidth.forEach((w, rows) -> out.add(new RunLosses(w.get(1), rows.stream().map(r -> (String) r[0]).toList(),
                rows.stream().mapToDouble(r -> (Double) r[1]).toArray(),
                rows.stream().mapToDouble(r -> (Double) r[2]).toArray(), source, w.get(0))));
        return out;
    }
}
