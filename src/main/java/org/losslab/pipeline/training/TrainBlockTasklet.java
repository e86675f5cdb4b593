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
 * source of truth: a (re)started partition reads each run's status and latest checkpoint and goes on. Sampled runs
 * ({@code training.cells_visited}) get their cells-visited census in the same transaction, before the checkpoint.
 */
record TrainBlockTasklet(JobSpec spec, TrainingDataCache dataCache, ExperimentContext experiments, RunStore runs,
                         CheckpointStore checkpoints, AnnealSweepStore sweeps, RunCellsStore cells, Faults faults,
                         PartitionState<OpenBlock> blocks)
        implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(TrainBlockTasklet.class);

    /** A running partition: its trainer, its training and the cells-visited census of its sampled runs (or null). */
    record OpenBlock(String trainer, BlockTraining training, RunCellsCensus census) {
    }

    TrainBlockTasklet(JobSpec spec, TrainingDataCache dataCache, ExperimentContext experiments, RunStore runs,
                      CheckpointStore checkpoints, AnnealSweepStore sweeps, RunCellsStore cells, Faults faults) {
        this(spec, dataCache, experiments, runs, checkpoints, sweeps, cells, faults,
                new PartitionState<>(b -> b.training().close()));
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        OpenBlock block = blocks.get(step, this::open);
        List<RunEpoch> epochs = block.training().next();
        if (epochs.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        long t0 = System.nanoTime();
        for (RunEpoch e : epochs) {
            faults.trainedEpoch(e.run().width(), e.run().restart(), e.result().epoch());
            if (block.census() != null && block.census().follows(e, block.trainer())) {
                block.census().record(e, step.getId());
            }
            checkpoints.saveEpoch(e.run().runId(), e.result(), e.checkpoint(), e.status(), step.getId(),
                    step.getJobExecutionId());
        }
        contribution.incrementWriteCount(epochs.size());
        log.debug("{}: {} network-epochs trained ({} s each), recorded in {} s", step.getStepName(), epochs.size(),
                epochs.get(0).result().seconds(), (System.nanoTime() - t0) / 1e9);
        return RepeatStatus.CONTINUABLE;
    }

    private OpenBlock open(StepExecution step) {
        String trainer = step.getExecutionContext().getString(TrainingPartitioner.TRAINER, spec.training().trainer());
        PreparedData data = dataCache.forExperiment(experiments.experimentId(step), spec);
        return new OpenBlock(trainer, training(step, trainer, data),
                spec.training().visitedRuns() > 0 ? new RunCellsCensus(spec, data, cells) : null);
    }

    private BlockTraining training(StepExecution step, String trainer, PreparedData data) {
        ExecutionContext ctx = step.getExecutionContext();
        long experimentId = experiments.experimentId(step);
        List<RunRecord> block = runs.block(experimentId, trainer, ctx.getInt(TrainingPartitioner.WIDTH),
                ctx.getInt(TrainingPartitioner.FROM), ctx.getInt(TrainingPartitioner.COUNT));
        if (block.size() != ctx.getInt(TrainingPartitioner.COUNT)) {
            throw new IllegalStateException("partition " + step.getStepName() + " expects "
                    + ctx.getInt(TrainingPartitioner.COUNT) + " planned runs but the run table has " + block.size());
        }
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
