package org.losslab.pipeline.compare;

import java.util.List;
import org.losslab.faults.Faults;
import org.losslab.pipeline.ExperimentContext;
import org.losslab.pipeline.PipelineStage;
import org.losslab.spec.JobSpec;
import org.losslab.pipeline.StepFactory;
import org.springframework.batch.core.step.Step;
import org.springframework.stereotype.Component;

/**
 * The compare step, the last step of every pipeline job (docs/architecture.md): theory against
 * experiment, from whatever the earlier stages wrote.
 */
@Component
public record CompareStage(StepFactory steps, ExperimentContext experiments, ComparisonStore store, Faults faults)
        implements PipelineStage {

    @Override
    public String section() {
        return "compare";
    }

    @Override
    public int order() {
        return 100;
    }

    /** Always: absent inputs are noted, not errors. */
    @Override
    public boolean runs(JobSpec spec) {
        return true;
    }

    @Override
    public List<Step> steps(JobSpec spec) {
        return List.of(steps.tasklet("compare", new CompareTasklet(experiments, store, faults)));
    }
}
