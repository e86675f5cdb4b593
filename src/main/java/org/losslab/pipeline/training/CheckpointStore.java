package org.losslab.pipeline.training;

import java.util.Optional;
import org.losslab.faults.Faults;
import org.losslab.training.Checkpoint;
import org.losslab.training.EpochResult;
import org.losslab.training.FloatBytes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Writes an epoch's outcome: metrics, the run's progress, its latest checkpoint and, when the run
 * ends, its final parameters. Called inside the step's chunk transaction, so all of it commits
 * together with Spring Batch's step progress, or none of it does. Every write is keyed on a
 * natural key, so a replayed epoch overwrites identical values instead of adding rows.
 */
@Repository
public class CheckpointStore {

    private final JdbcTemplate jdbc;
    private final Faults faults;

    public CheckpointStore(JdbcTemplate jdbc, Faults faults) {
        this.jdbc = jdbc;
        this.faults = faults;
    }

    public Optional<Checkpoint> load(long runId) {
        return jdbc.query("""
                SELECT epoch, iteration, params, updater_state, next_order_seed FROM checkpoint WHERE run_id = ?""",
                (rs, i) -> new Checkpoint(rs.getInt(1), rs.getLong(2), rs.getBytes(3), rs.getBytes(4), rs.getLong(5)),
                runId).stream().findFirst();
    }

    /** The final parameters of a completed run, checked against their SHA-256. */
    public float[] finalParameters(TrainedRun run) {
        return jdbc.query("SELECT params, params_sha256 FROM final_params WHERE run_id = ?", rs -> {
            if (!rs.next()) {
                throw new IllegalStateException(run.runKey() + " has no final parameters");
            }
            byte[] bytes = rs.getBytes(1);
            if (!FloatBytes.sha256(bytes).equals(rs.getString(2))) {
                throw new IllegalStateException(run.runKey() + ": final parameters do not match their SHA-256");
            }
            return FloatBytes.decode(bytes);
        }, run.runId());
    }

    /** Records epoch {@code r.epoch()} of a run; {@code status} is RUNNING, COMPLETED or DIVERGED. */
    public void saveEpoch(long runId, EpochResult r, Checkpoint c, String status, long stepExecutionId,
                          long jobExecutionId) {
        jdbc.update("""
                INSERT INTO epoch_metric (run_id, epoch, learning_rate, train_loss, test_loss, train_error, test_error,
                                          seconds, step_execution_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (run_id, epoch) DO UPDATE SET learning_rate = EXCLUDED.learning_rate,
                    train_loss = EXCLUDED.train_loss, test_loss = EXCLUDED.test_loss,
                    train_error = EXCLUDED.train_error, test_error = EXCLUDED.test_error,
                    seconds = EXCLUDED.seconds, step_execution_id = EXCLUDED.step_execution_id""",
                runId, r.epoch(), r.learningRate(), r.trainLoss(), r.testLoss(), r.trainError(), r.testError(),
                r.seconds(), stepExecutionId);
        boolean diverged = "DIVERGED".equals(status);
        jdbc.update("""
                UPDATE run SET status = ?, epochs_done = ?, diverged_epoch = ?, job_execution_id = ?, updated_at = now()
                WHERE run_id = ?""",
                status, r.epoch(), diverged ? r.epoch() : null, jobExecutionId, runId);
        if (diverged) {
            jdbc.update("DELETE FROM checkpoint WHERE run_id = ?", runId);
            return;
        }
        if ("COMPLETED".equals(status)) {
            jdbc.update("""
                    INSERT INTO final_params (run_id, params, params_sha256, step_execution_id) VALUES (?, ?, ?, ?)
                    ON CONFLICT (run_id) DO UPDATE SET params = EXCLUDED.params,
                        params_sha256 = EXCLUDED.params_sha256, step_execution_id = EXCLUDED.step_execution_id""",
                    runId, c.params(), FloatBytes.sha256(c.params()), stepExecutionId);
            faults.reach("final-params");
            jdbc.update("DELETE FROM checkpoint WHERE run_id = ?", runId);
            return;
        }
        jdbc.update("""
                INSERT INTO checkpoint (run_id, epoch, iteration, params, updater_state, next_order_seed, step_execution_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (run_id) DO UPDATE SET epoch = EXCLUDED.epoch, iteration = EXCLUDED.iteration,
                    params = EXCLUDED.params, updater_state = EXCLUDED.updater_state,
                    next_order_seed = EXCLUDED.next_order_seed, step_execution_id = EXCLUDED.step_execution_id,
                    written_at = now()""",
                runId, c.epoch(), c.iteration(), c.params(), c.updaterState(), c.nextOrderSeed(), stepExecutionId);
        faults.reach("checkpoint");
    }
}
