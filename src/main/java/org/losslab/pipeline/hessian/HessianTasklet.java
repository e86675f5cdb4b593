package org.losslab.pipeline.hessian;

import org.losslab.Seeds;
import org.losslab.faults.Faults;
import org.losslab.hessian.HessianAnalysis;
import org.losslab.hessian.HessianResult;
import org.losslab.hessian.MlpShape;
import org.losslab.hessian.SpectralHistogram;
import org.losslab.hessian.TrainingSet;
import org.losslab.pipeline.ExperimentContext;
import org.losslab.pipeline.PartitionState;
import org.losslab.pipeline.data.TrainingDataCache;
import org.losslab.pipeline.training.CheckpointStore;
import org.losslab.pipeline.training.RunStore;
import org.losslab.pipeline.training.TrainedRun;
import org.losslab.spec.HessianSpec;
import org.losslab.spec.JobSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Analyses one network per call (science.md §A.6): the next COMPLETED run of the partition without a
 * {@code hessian_network} row, at its stored final parameters, on the experiment's training rows in double
 * precision. Its row and density commit in the call's transaction with the step progress, so a killed
 * partition resumes at the first network without a row and recomputes it from the same seed, bit-identically.
 */
record HessianTasklet(JobSpec spec, TrainingDataCache dataCache, ExperimentContext experiments, RunStore runs,
                      CheckpointStore checkpoints, HessianStore store, Faults faults,
                      PartitionState<TrainingSet> data) implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(HessianTasklet.class);

    HessianTasklet(JobSpec spec, TrainingDataCache dataCache, ExperimentContext experiments, RunStore runs,
                   CheckpointStore checkpoints, HessianStore store, Faults faults) {
        this(spec, dataCache, experiments, runs, checkpoints, store, faults, new PartitionState<>(TrainingSet::close));
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        ExecutionContext ctx = step.getExecutionContext();
        long experimentId = experiments.experimentId(step);
        String runKey = store.nextRun(experimentId, ctx.getInt(HessianPartitioner.WIDTH),
                ctx.getInt(HessianPartitioner.FROM), ctx.getInt(HessianPartitioner.COUNT));
        if (runKey == null) {
            return RepeatStatus.FINISHED;
        }
        HessianSpec h = spec.hessian();
        TrainedRun run = runs.completedRun(experimentId, runKey);
        MlpShape shape = new MlpShape(run.sizes());
        double[] theta = widen(checkpoints.finalParameters(run), shape, runKey);
        TrainingSet rows = data.get(step, s -> TrainingSet.of(dataCache.forExperiment(experimentId, spec)));
        long seed = Seeds.derive(h.seed(), "hessian", run.width(), run.restart());
        HessianResult r = HessianAnalysis.analyse(shape, theta, rows, HessianStage.settings(h), seed);
        double[][] bins = SpectralHistogram.of(r.density(), r.lambdaMin(), r.lambdaMax(), h.densityBins());
        store.save(experimentId, run.runId(), r, HessianStage.settings(h), seed, bins, step.getId());
        faults.reach("hessian");
        contribution.incrementWriteCount(1);
        log.info("hessian {}: {} P={} grad {} critical={} λ∈[{}, {}] negative {} zero {} ({} CPU s)", runKey,
                r.method().label(), r.parameters(), r.gradientNorm(), r.critical(), r.lambdaMin(), r.lambdaMax(),
                r.negativeCount(), r.zeroCount(), r.cpuSeconds());
        return RepeatStatus.CONTINUABLE;
    }

    private static double[] widen(float[] stored, MlpShape shape, String runKey) {
        if (stored.length != shape.parameterCount()) {
            throw new IllegalStateException(runKey + ": " + stored.length + " stored parameters for a network of "
                    + shape.parameterCount());
        }
        double[] out = new double[stored.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = stored[i];
        }
        return out;
    }
}
