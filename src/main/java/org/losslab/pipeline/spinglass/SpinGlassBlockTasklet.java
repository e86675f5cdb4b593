package org.losslab.pipeline.spinglass;

import org.losslab.faults.Faults;
import org.losslab.pipeline.ExperimentContext;
import org.losslab.pipeline.PartitionState;
import org.losslab.spec.JobSpec;
import org.losslab.spec.SpinGlassSpec;
import org.losslab.theory.SphericalDescentBlock;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Descends one block of spin-glass restarts, {@code steps_per_chunk} steps per transaction; the block's
 * exact state (weights, step counter, stop steps) is checkpointed with each chunk, so a killed
 * simulation resumes bit-identically. When the schedule ends, the final energies, gradient norms and
 * indices are written (natural key experiment × N × restart × method).
 */
record SpinGlassBlockTasklet(JobSpec spec, ExperimentContext experiments, SpinGlassCouplingsCache couplings,
                             SpinGlassStore store, Faults faults, PartitionState<SphericalDescentBlock> blocks)
        implements Tasklet {

    SpinGlassBlockTasklet(JobSpec spec, ExperimentContext experiments, SpinGlassCouplingsCache couplings,
                          SpinGlassStore store, Faults faults) {
        this(spec, experiments, couplings, store, faults, new PartitionState<>(block -> {
            block.close();
            couplings.release(block.couplings());
        }));
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        ExecutionContext ctx = step.getExecutionContext();
        int n = ctx.getInt(SpinGlassPartitioner.N);
        int from = ctx.getInt(SpinGlassPartitioner.FROM);
        long experimentId = experiments.experimentId(step);
        SpinGlassSpec s = spec.spinglass();
        if (Boolean.TRUE.equals(store.finished(experimentId, n, from))) {
            return RepeatStatus.FINISHED;
        }
        SphericalDescentBlock block = blocks.get(step, partition -> open(experimentId, n, from,
                ctx.getInt(SpinGlassPartitioner.COUNT)));
        block.advance(s.stepsPerChunk());
        boolean done = block.isFinished();
        if (done) {
            store.saveResults(experimentId, n, s.method(), block.outcomes(s.index()), step.getId());
        }
        store.saveBlock(experimentId, n, from, block.step(), done ? null : block.exportState(), done, step.getId());
        faults.reach("spinglass");
        contribution.incrementWriteCount(1);
        return done ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
    }

    private SphericalDescentBlock open(long experimentId, int n, int from, int count) {
        SpinGlassSpec s = spec.spinglass();
        SphericalDescentBlock block = new SphericalDescentBlock(couplings.acquire(spec.seed(), n, s.samples()),
                s.settings(), spec.seed(), from, count);
        double[] state = store.state(experimentId, n, from);
        if (state != null) {
            block.importState(state);
        }
        return block;
    }
}
