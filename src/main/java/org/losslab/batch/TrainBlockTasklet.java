package org.losslab.batch;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.losslab.spec.JobSpec;
import org.losslab.store.CheckpointStore;
import org.losslab.store.ExperimentStore;
import org.losslab.store.RunRecord;
import org.losslab.store.RunStore;
import org.losslab.training.Dl4jRunTrainer;
import org.losslab.training.EpochResult;
import org.losslab.training.PreparedData;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Trains one partition (a hidden width and a block of restarts), one epoch of one run per call.
 * Each call runs in the step's chunk transaction: the epoch's metrics, the run's progress and its
 * checkpoint commit together with Spring Batch's step progress. The database is the only source of
 * truth: a (re)started partition reads each run's status and latest checkpoint and carries on.
 */
public final class TrainBlockTasklet implements Tasklet, StepExecutionListener {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TrainBlockTasklet.class);

    private final JobSpec spec;
    private final TrainingDataCache dataCache;
    private final ExperimentStore experiments;
    private final RunStore runs;
    private final CheckpointStore checkpoints;
    private final TrainingFaults faults;
    private final Map<Long, BlockProgress> blocks = new ConcurrentHashMap<>();

    public TrainBlockTasklet(JobSpec spec, TrainingDataCache dataCache, ExperimentStore experiments, RunStore runs,
                             CheckpointStore checkpoints, TrainingFaults faults) {
        this.spec = spec;
        this.dataCache = dataCache;
        this.experiments = experiments;
        this.runs = runs;
        this.checkpoints = checkpoints;
        this.faults = faults;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        BlockProgress block = blocks.computeIfAbsent(step.getId(), id -> open(step));
        Dl4jRunTrainer trainer = block.trainerForNextEpoch();
        if (trainer == null) {
            return RepeatStatus.FINISHED;
        }
        RunRecord run = block.current();
        EpochResult result = trainer.trainEpoch();
        faults.check(run.width(), run.restart(), result.epoch());
        String status = result.diverged() ? "DIVERGED"
                : result.epoch() >= run.epochsPlanned() ? "COMPLETED" : "RUNNING";
        long t0 = System.nanoTime();
        checkpoints.saveEpoch(run.runId(), result, trainer.checkpoint(), status, step.getId(),
                step.getJobExecutionId());
        log.debug("{} epoch {}: trained and evaluated in {} s, checkpoint written in {} s", run.runKey(),
                result.epoch(), result.seconds(), (System.nanoTime() - t0) / 1e9);
        contribution.incrementWriteCount(1);
        block.advance(status);
        return RepeatStatus.CONTINUABLE;
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        blocks.remove(stepExecution.getId());
        return stepExecution.getExitStatus();
    }

    private BlockProgress open(StepExecution step) {
        ExecutionContext ctx = step.getExecutionContext();
        long experimentId = ExperimentContext.experimentId(experiments, step.getJobExecution());
        List<RunRecord> block = runs.block(experimentId, ctx.getInt(TrainingPartitioner.WIDTH),
                ctx.getInt(TrainingPartitioner.FROM), ctx.getInt(TrainingPartitioner.COUNT));
        if (block.size() != ctx.getInt(TrainingPartitioner.COUNT)) {
            throw new IllegalStateException("partition " + step.getStepName() + " expects "
                    + ctx.getInt(TrainingPartitioner.COUNT) + " planned runs but the run table has " + block.size());
        }
        PreparedData data = dataCache.forExperiment(experimentId, spec);
        return new BlockProgress(block, run -> {
            Dl4jRunTrainer t = new Dl4jRunTrainer(spec.training(), data, spec.seed(), run.width(), run.restart());
            checkpoints.load(run.runId()).ifPresent(t::restore);
            return t;
        });
    }
}
