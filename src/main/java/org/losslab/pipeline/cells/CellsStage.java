package org.losslab.pipeline.cells;

import java.util.List;
import org.losslab.faults.Faults;
import org.losslab.pipeline.ExperimentContext;
import org.losslab.pipeline.PipelineStage;
import org.losslab.pipeline.StepFactory;
import org.losslab.pipeline.data.TrainingDataCache;
import org.losslab.spec.JobSpec;
import org.springframework.batch.core.step.Step;
import org.springframework.stereotype.Component;

/** Section {@code cells}: the cells step, He, Wang & Tao certificates (science.md §D.5). */
@Component
public record CellsStage(StepFactory steps, ExperimentContext experiments, TrainingDataCache data, CellsStore store,
                         Faults faults) implements PipelineStage {

    @Override
    public String section() {
        return "cells";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public List<Step> steps(JobSpec spec) {
        return List.of(steps.tasklet("cells", new CellsTasklet(spec, experiments, data, store, faults)));
    }
}
