package org.losslab.pipeline.training;

import org.losslab.training.anneal.NetworkAnnealer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Table {@code anneal_sweep}: one row per annealing sweep of a run (natural key run × sweep; science.md §A.5.3). */
@Repository
public class AnnealSweepStore {

    private final JdbcTemplate jdbc;

    public AnnealSweepStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void save(long runId, NetworkAnnealer.SweepResult s, long stepExecutionId) {
        jdbc.update("""
                INSERT INTO anneal_sweep (run_id, sweep, temperature, step, acceptance, annealing_loss, step_execution_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (run_id, sweep) DO UPDATE SET temperature = EXCLUDED.temperature, step = EXCLUDED.step,
                    acceptance = EXCLUDED.acceptance, annealing_loss = EXCLUDED.annealing_loss,
                    step_execution_id = EXCLUDED.step_execution_id""",
                runId, s.sweep(), s.temperature(), s.step(), s.acceptance(), s.trainLoss(), stepExecutionId);
    }
}
