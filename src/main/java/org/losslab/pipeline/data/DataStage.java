package org.losslab.pipeline.data;

import java.util.List;
import org.losslab.faults.Faults;
import org.losslab.pipeline.ExperimentContext;
import org.losslab.pipeline.PipelineStage;
import org.losslab.pipeline.StepFactory;
import org.losslab.spec.JobSpec;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The prepare-data step, first in every job whose stages read MNIST ({@link JobSpec#needsData()}):
 * validate, store and checksum the data, then let the stages plan their work ({@link WorkPlanner}).
 */
@Component
public record DataStage(StepFactory steps, ExperimentContext experiments, DatasetStore datasets,
                        ObjectProvider<WorkPlanner> planners, Faults faults) implements PipelineStage {

    @Override
    public String section() {
        return "data";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public boolean runs(JobSpec spec) {
        return spec.needsData();
    }

    @Override
    public List<Step> steps(JobSpec spec) {
        return List.of(steps.tasklet("prepare-data", new PrepareDataTasklet(spec, experiments, datasets,
                planners.orderedStream().toList(), faults)));
    }
}
