package org.losslab.pipeline.theory;

import java.util.List;
import org.losslab.faults.Faults;
import org.losslab.pipeline.ExperimentContext;
import org.losslab.pipeline.PipelineStage;
import org.losslab.pipeline.StepFactory;
import org.losslab.spec.JobSpec;
import org.springframework.batch.core.step.Step;
import org.springframework.stereotype.Component;

/** Section {@code theory}: the theory step (complexity curves, thresholds, Kac–Rice; science.md §B). */
@Component
public record TheoryStage(StepFactory steps, ExperimentContext experiments, TheoryStore store, Faults faults)
        implements PipelineStage {

    @Override
    public String section() {
        return "theory";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public List<Step> steps(JobSpec spec) {
        return List.of(steps.tasklet("theory", new TheoryTasklet(spec, experiments, store, faults)));
    }
}
