package org.losslab.pipeline.hessian;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.losslab.faults.Faults;
import org.losslab.hessian.HessianSettings;
import org.losslab.pipeline.ExperimentContext;
import org.losslab.pipeline.PipelineStage;
import org.losslab.pipeline.StepFactory;
import org.losslab.pipeline.data.TrainingDataCache;
import org.losslab.pipeline.training.CheckpointStore;
import org.losslab.pipeline.training.RunStore;
import org.losslab.spec.HessianSpec;
import org.losslab.spec.JobSpec;
import org.springframework.batch.core.step.Step;
import org.springframework.stereotype.Component;

/**
 * Section {@code hessian} (science.md §A.6): after training, the partitioned hessian step, whose worker step
 * hessian-block analyses the networks of one width and block of restarts, one network per transaction, on
 * local threads or, with {@code --remote}, on {@code losslab worker}s.
 */
@Component
public record HessianStage(StepFactory steps, ExperimentContext experiments, TrainingDataCache data, RunStore runs,
                           CheckpointStore checkpoints, HessianStore store, Faults faults) implements PipelineStage {

    static final String WORKER = "hessian-block";

    @Override
    public String section() {
        return "hessian";
    }

    /** After summarize (training, 20) and before the region stages, which do not depend on it. */
    @Override
    public int order() {
        return 25;
    }

    @Override
    public List<Step> steps(JobSpec spec) {
        return List.of(steps.partitioned("hessian", block(spec), new HessianPartitioner(spec.hessian())));
    }

    @Override
    public Map<String, Function<JobSpec, Step>> workerSteps() {
        return Map.of(WORKER, this::block);
    }

    /** The kernel's settings of a {@code hessian:} section. */
    public static HessianSettings settings(HessianSpec h) {
        return new HessianSettings(h.denseMaxParams(), h.zeroTolerance(), h.criticalGradNorm(), h.lanczosSteps(),
                h.lanczosTolerance(), h.slqProbes(), h.slqSteps(), h.slqBlock());
    }

    private Step block(JobSpec spec) {
        HessianTasklet tasklet = new HessianTasklet(spec, data, experiments, runs, checkpoints, store, faults);
        return steps.tasklet(WORKER, tasklet, tasklet.data());
    }
}
