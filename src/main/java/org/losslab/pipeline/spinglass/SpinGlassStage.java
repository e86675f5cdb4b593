package org.losslab.pipeline.spinglass;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.losslab.faults.Faults;
import org.losslab.pipeline.ExperimentContext;
import org.losslab.pipeline.PipelineStage;
import org.losslab.pipeline.StepFactory;
import org.losslab.spec.JobSpec;
import org.springframework.batch.core.step.Step;
import org.springframework.stereotype.Component;

/**
 * Section {@code spinglass} (science.md §A.5.1): the partitioned spinglass step, whose worker step
 * spinglass-block descends one block of restarts of one size N, on local threads or, with
 * {@code --remote}, on {@code losslab worker}s.
 */
@Component
public record SpinGlassStage(StepFactory steps, ExperimentContext experiments, SpinGlassCouplingsCache couplings,
                             SpinGlassStore store, Faults faults) implements PipelineStage {

    static final String WORKER = "spinglass-block";

    @Override
    public String section() {
        return "spinglass";
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public List<Step> steps(JobSpec spec) {
        return List.of(steps.partitioned("spinglass", block(spec), new SpinGlassPartitioner(spec.spinglass())));
    }

    @Override
    public Map<String, Function<JobSpec, Step>> workerSteps() {
        return Map.of(WORKER, this::block);
    }

    private Step block(JobSpec spec) {
        SpinGlassBlockTasklet tasklet = new SpinGlassBlockTasklet(spec, experiments, couplings, store, faults);
        return steps.tasklet(WORKER, tasklet, tasklet.blocks());
    }
}
