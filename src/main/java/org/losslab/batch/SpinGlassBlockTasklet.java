package org.losslab.batch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.losslab.spec.JobSpec;
import org.losslab.spec.SpinGlassSpec;
import org.losslab.store.ExperimentStore;
import org.losslab.theory.DescentOutcome;
import org.losslab.theory.SphericalDescentBlock;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Descends one block of spin-glass restarts, {@code steps_per_chunk} steps per transaction; the block's
 * exact state (weights, step counter, stop steps) is checkpointed with each chunk, so a killed
 * simulation resumes bit-identically. When the schedule ends, the final energies, gradient norms,
 * convergence and indices (of converged descents only) are written (natural key experiment × N × restart × method).
 */
public final class SpinGlassBlockTasklet implements Tasklet, StepExecutionListener {

    private final JobSpec spec;
    private final ExperimentStore experiments;
    private final SpinGlassCouplingsCache couplings;
    private final JdbcTemplate jdbc;
    private final Map<Long, SphericalDescentBlock> blocks = new ConcurrentHashMap<>();

    public SpinGlassBlockTasklet(JobSpec spec, ExperimentStore experiments, SpinGlassCouplingsCache couplings,
                                 JdbcTemplate jdbc) {
        this.spec = spec;
        this.experiments = experiments;
        this.couplings = couplings;
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        ExecutionContext ctx = step.getExecutionContext();
        int n = ctx.getInt(SpinGlassPartitioner.N);
        int from = ctx.getInt(SpinGlassPartitioner.FROM);
        long experimentId = ExperimentContext.experimentId(experiments, step.getJobExecution());
        SpinGlassSpec s = spec.spinglass();
        Boolean finished = jdbc.query("SELECT finished FROM spinglass_block WHERE experiment_id = ? AND n = ? AND first_restart = ?",
                rs -> rs.next() ? rs.getBoolean(1) : null, experimentId, n, from);
        if (Boolean.TRUE.equals(finished)) {
            return RepeatStatus.FINISHED;
        }
        SphericalDescentBlock block = blocks.computeIfAbsent(step.getId(), id -> open(experimentId, n, from,
                ctx.getInt(SpinGlassPartitioner.COUNT)));
        block.advance(s.stepsPerChunk());
        boolean done = block.isFinished();
        if (done) {
            writeResults(experimentId, n, block.outcomes(s.index()), step.getId());
        }
        jdbc.update("""
                INSERT INTO spinglass_block (experiment_id, n, first_restart, step, state, finished, step_execution_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, n, first_restart) DO UPDATE SET step = EXCLUDED.step,
                    state = EXCLUDED.state, finished = EXCLUDED.finished, step_execution_id = EXCLUDED.step_execution_id""",
                experimentId, n, from, block.step(), done ? null : encode(block.exportState()), done, step.getId());
        org.losslab.ChaosPoints.reach("spinglass");
        contribution.incrementWriteCount(1);
        return done ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        SphericalDescentBlock b = blocks.remove(stepExecution.getId());
        if (b != null) {
            b.close();
        }
        return stepExecution.getExitStatus();
    }

    private SphericalDescentBlock open(long experimentId, int n, int from, int count) {
        SpinGlassSpec s = spec.spinglass();
        SphericalDescentBlock block = new SphericalDescentBlock(couplings.get(spec.seed(), n, s.samples()),
                s.settings(), spec.seed(), from, count);
        byte[] state = jdbc.query("SELECT state FROM spinglass_block WHERE experiment_id = ? AND n = ? AND first_restart = ?",
                rs -> rs.next() ? rs.getBytes(1) : null, experimentId, n, from);
        if (state != null) {
            block.importState(decode(state));
        }
        return block;
    }

    private void writeResults(long experimentId, int n, List<DescentOutcome> outcomes, long stepExecutionId) {
        List<Object[]> rows = new ArrayList<>();
        for (DescentOutcome o : outcomes) {
            rows.add(new Object[] {experimentId, n, (int) o.restart(), spec.spinglass().method(), o.energy(),
                    o.gradientNorm(), o.converged(), o.index() < 0 ? null : o.index(), o.steps(), stepExecutionId});
        }
        jdbc.batchUpdate("""
                INSERT INTO spinglass_result (experiment_id, n, restart, method, final_energy, grad_norm, converged, idx,
                    steps, step_execution_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, n, restart, method) DO UPDATE SET final_energy = EXCLUDED.final_energy,
                    grad_norm = EXCLUDED.grad_norm, converged = EXCLUDED.converged, idx = EXCLUDED.idx,
                    steps = EXCLUDED.steps, step_execution_id = EXCLUDED.step_execution_id""", rows);
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
