package org.losslab.pipeline.spinglass;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.losslab.spec.SpinGlassSpec;
import org.losslab.theory.AnnealingOutcome;
import org.losslab.theory.DescentOutcome;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Tables {@code spinglass_block} (a block's exact descent or annealing state, little-endian doubles, until it
 * finishes; key experiment × N × first restart × annealing) and {@code spinglass_result} (natural key experiment × N ×
 * restart × method; the index only of converged descents; annealing adds the chain's end energy and acceptance).
 */
@Repository
public class SpinGlassStore {

    private final JdbcTemplate jdbc;

    public SpinGlassStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the block is finished; null if it has no row yet. */
    public Boolean finished(long experimentId, int n, int firstRestart, boolean annealing) {
        return jdbc.query("SELECT finished FROM spinglass_block WHERE experiment_id = ? AND n = ? AND first_restart = ?"
                + " AND annealing = ?", rs -> rs.next() ? rs.getBoolean(1) : null, experimentId, n, firstRestart, annealing);
    }

    /** The block's checkpointed state, or null. */
    public double[] state(long experimentId, int n, int firstRestart, boolean annealing) {
        byte[] state = jdbc.query("SELECT state FROM spinglass_block WHERE experiment_id = ? AND n = ? AND first_restart = ?"
                + " AND annealing = ?", rs -> rs.next() ? rs.getBytes(1) : null, experimentId, n, firstRestart, annealing);
        return state == null ? null : decode(state);
    }

    /** Checkpoints the block at {@code step}; a finished block keeps no state. */
    public void saveBlock(long experimentId, int n, int firstRestart, boolean annealing, long step, double[] state,
                          boolean finished, long stepExecutionId) {
        jdbc.update("""
                INSERT INTO spinglass_block (experiment_id, n, first_restart, annealing, step, state, finished,
                    step_execution_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, n, first_restart, annealing) DO UPDATE SET step = EXCLUDED.step,
                    state = EXCLUDED.state, finished = EXCLUDED.finished, step_execution_id = EXCLUDED.step_execution_id""",
                experimentId, n, firstRestart, annealing, step, finished ? null : encode(state), finished, stepExecutionId);
    }

    public void saveResults(long experimentId, int n, String method, List<DescentOutcome> outcomes, long stepExecutionId) {
        List<Object[]> rows = new ArrayList<>();
        for (DescentOutcome o : outcomes) {
            rows.add(new Object[] {experimentId, n, (int) o.restart(), method, o.energy(),
                    o.gradientNorm(), o.converged(), o.index() < 0 ? null : o.index(), o.steps(), stepExecutionId});
        }
        jdbc.batchUpdate("""
                INSERT INTO spinglass_result (experiment_id, n, restart, method, final_energy, grad_norm, converged, idx,
                    steps, step_execution_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, n, restart, method) DO UPDATE SET final_energy = EXCLUDED.final_energy,
                    grad_norm = EXCLUDED.grad_norm, converged = EXCLUDED.converged, idx = EXCLUDED.idx,
                    steps = EXCLUDED.steps, step_execution_id = EXCLUDED.step_execution_id""", rows);
    }

    /** Annealing outcomes (method 'annealing'): steps are Metropolis steps plus polish steps. */
    public void saveAnnealingResults(long experimentId, int n, List<AnnealingOutcome> outcomes, long stepExecutionId,
                                     long metropolisSteps) {
        List<Object[]> rows = new ArrayList<>();
        for (AnnealingOutcome o : outcomes) {
            rows.add(new Object[] {experimentId, n, (int) o.restart(), SpinGlassSpec.ANNEALING, o.energy(),
                    o.gradientNorm(), o.converged(), o.index() < 0 ? null : o.index(), metropolisSteps + o.polishSteps(),
                    o.annealedEnergy(), o.acceptance(), stepExecutionId});
        }
        jdbc.batchUpdate("""
                INSERT INTO spinglass_result (experiment_id, n, restart, method, final_energy, grad_norm, converged, idx,
                    steps, annealed_energy, acceptance, step_execution_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, n, restart, method) DO UPDATE SET final_energy = EXCLUDED.final_energy,
                    grad_norm = EXCLUDED.grad_norm, converged = EXCLUDED.converged, idx = EXCLUDED.idx,
                    steps = EXCLUDED.steps, annealed_energy = EXCLUDED.annealed_energy,
                    acceptance = EXCLUDED.acceptance, step_execution_id = EXCLUDED.step_execution_id""", rows);
    }

    static byte[] encode(double[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asDoubleBuffer().put(values);
        return buf.array();
    }

    static double[] decode(byte[] bytes) {
        double[] out = new double[bytes.length / 8];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
        return out;
    }
}
