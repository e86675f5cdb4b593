package org.losslab.pipeline.training;

import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Runs (one per trained network) and the progress counts shown by {@code losslab status}. */
@Repository
public class RunStore {

    private final JdbcTemplate jdbc;

    public RunStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Plans a run; a run that already exists (natural key run_key) is left as it is. */
    public void ensure(long experimentId, String runKey, String architecture, int[] widths, String activation,
                       long seed, int restart, String datasetSha256, int epochs, String trainer, long jobExecutionId) {
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    INSERT INTO run (experiment_id, run_key, architecture, widths, activation, seed, restart,
                                     dataset_sha256, epochs_planned, trainer, job_execution_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_key) DO NOTHING""");
            Integer[] boxed = Arrays.stream(widths).boxed().toArray(Integer[]::new);
            ps.setLong(1, experimentId);
            ps.setString(2, runKey);
            ps.setString(3, architecture);
            ps.setArray(4, con.createArrayOf("integer", boxed));
            ps.setString(5, activation);
            ps.setLong(6, seed);
            ps.setInt(7, restart);
            ps.setString(8, datasetSha256);
            ps.setInt(9, epochs);
            ps.setString(10, trainer);
            ps.setLong(11, jobExecutionId);
            return ps;
        });
    }

    /** The runs of one partition: trainer {@code trainer}, hidden width {@code width}, restarts [from, from + count). */
    public List<RunRecord> block(long experimentId, String trainer, int width, int from, int count) {
        return jdbc.query("""
                SELECT run_id, run_key, widths[2] AS width, restart, seed, status, epochs_done, epochs_planned
                FROM run WHERE experiment_id = ? AND trainer = ? AND widths[2] = ? AND restart >= ? AND restart < ?
                ORDER BY restart""",
                (rs, i) -> new RunRecord(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getLong(5),
                        rs.getString(6), rs.getInt(7), rs.getInt(8)),
                experimentId, trainer, width, from, from + count);
    }

    /**
     * Per hidden width, the key and activation of the {@code perWidth} COMPLETED descent runs (v_descent_runs: not
     * annealed, unless the experiment has annealed runs only) of lowest restart that have final parameters, ordered
     * by width and restart (a deterministic choice: training is).
     */
    public List<String[]> lowestCompletedRuns(long experimentId, int perWidth) {
        return jdbc.query("""
                SELECT run_key, activation FROM (
                    SELECT r.run_key, r.activation, r.widths[2] AS width, r.restart,
                           row_number() OVER (PARTITION BY r.widths[2] ORDER BY r.restart) AS k
                    FROM run r JOIN final_params f USING (run_id)
                    WHERE r.experiment_id = ? AND r.status = 'COMPLETED'
                      AND r.run_id IN (SELECT run_id FROM v_descent_runs)) s
                WHERE k <= ? ORDER BY width, restart""",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, experimentId, perWidth);
    }

    /** The COMPLETED run {@code runKey} of the experiment; refused if it is not one. */
    public TrainedRun completedRun(long experimentId, String runKey) {
        List<TrainedRun> runs = jdbc.query("""
                SELECT run_id, run_key, widths, activation, seed, restart, epochs_done, epochs_planned FROM run
                WHERE experiment_id = ? AND run_key = ? AND status = 'COMPLETED'""",
                (rs, i) -> new TrainedRun(rs.getLong(1), rs.getString(2),
                        Arrays.stream((Integer[]) rs.getArray(3).getArray()).mapToInt(Integer::intValue).toArray(),
                        rs.getString(4), rs.getLong(5), rs.getInt(6), rs.getInt(7), rs.getInt(8)),
                experimentId, runKey);
        if (runs.isEmpty()) {
            throw new IllegalStateException("training run " + runKey + " is not a COMPLETED run of experiment "
                    + experimentId);
        }
        return runs.get(0);
    }

    /** {epochs done, epochs planned, runs finished, runs} of an experiment. */
    public long[] progress(long experimentId) {
        return jdbc.queryForObject("""
                SELECT coalesce(sum(CASE WHEN status IN ('COMPLETED','DIVERGED') THEN epochs_planned
                                         ELSE epochs_done END), 0),
                       coalesce(sum(epochs_planned), 0),
                       count(*) FILTER (WHERE status IN ('COMPLETED','DIVERGED')), count(*)
                FROM run WHERE experiment_id = ?""",
                (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}, experimentId);
    }
}
