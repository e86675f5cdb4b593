package org.losslab.pipeline.training;

import java.util.List;
import org.losslab.faults.Faults;
import org.losslab.pipeline.ExperimentContext;
import org.losslab.pipeline.PartitionState;
import org.losslab.pipeline.data.TrainingDataCache;
import org.losslab.spec.JobSpec;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.Dl4jRunTrainer;
import org.losslab.training.PreparedData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Trains one partition (a hidden width and a block of restarts), one unit of {@link BlockTraining}
 * per call. Each call runs in the step's chunk transaction: the epoch's metrics, the runs' progress
 * and their checkpoints commit together with Spring Batch's step progress. The database is the only
 * source of truth: a (re)started partition reads each run's status and latest checkpoint and goes on.
 */
record TrainBlockTasklet(JobSpec spec, TrainingDataCache dataCache, ExperimentContext experiments, RunStore runs,
                         CheckpointStore checkpoints, AnnealSweepStore sweeps, Faults faults,
                         PartitionState<BlockTraining> blocks)
        implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(TrainBlockTasklet.class);

    TrainBlockTasklet(JobSpec spec, TrainingDataCache dataCache, ExperimentContext experiments, RunStore runs,
                      CheckpointStore checkpoints, AnnealSweepStore sweeps, Faults faults) {
        this(spec, dataCache, experiments, runs, checkpoints, sweeps, faults, new PartitionState<>(BlockTraining::close));
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        BlockTraining block = blocks.get(step, this::open);
        List<RunEpoch> epochs = block.next();
        if (epochs.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        long t0 = System.nanoTime();
        for (RunEpoch e : epochs) {
            faults.trainedEpoch(e.run().width(), e.run().restart(), e.result().epoch());
            checkpoints.saveEpoch(e.run().runId(), e.result(), e.checkpoint(), e.status(), step.getId(),
                    step.getJobExecutionId());
        }
        contribution.incrementWriteCount(epochs.size());
        log.debug("{}: {} network-epochs trained ({} s each), recorded in {} s", step.getStepName(), epochs.size(),
                epochs.get(0).result().seconds(), (System.nanoTime() - t0) / 1e9);
        return RepeatStatus.CONTINUABLE;
    }

    private BlockTraining open(StepExecution step) {
        ExecutionContext ctx = step.getExecutionContext();
        long experimentId = experiments.experimentId(step);
        String trainer = ctx.getString(TrainingPartitioner.TRAINER, spec.training().trainer());
        List<RunRecord> block = runs.block(experimentId, trainer, ctx.getInt(TrainingPartitioner.WIDTH),
                ctx.getInt(TrainingPartitioner.FROM), ctx.getInt(TrainingPartitioner.COUNT));
        if (block.size() != ctx.getInt(TrainingPartitioner.COUNT)) {
            throw new IllegalStateException("partition " + step.getStepName() + " expects "
                    + ctx.getInt(TrainingPartitioner.COUNT) + " planned runs but the run table has " + block.size());
        }
        PreparedData data = dataCache.forExperiment(experimentId, spec);
        if ("batched".equals(trainer)) {
            return new BatchedBlockTraining(spec, data, block, checkpoints);
        }
        if (TrainingSpec.ANNEALING.equals(trainer)) {
            return new AnnealingBlockTraining(spec, data, block, checkpoints, sweeps, step.getId());
        }
        return new Dl4jBlockTraining(block, run -> {
            Dl4jRunTrainer t = new Dl4jRunTrainer(spec.training(), data, spec.seed(), run.width(), run.restart());
            checkpoints.load(run.runId()).ifPresent(t::restore);
            return t;
        });
    }
}
