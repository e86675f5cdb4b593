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
public class CellsStage implements PipelineStage {

    private final StepFactory steps;
    private final ExperimentContext experiments;
    private final TrainingDataCache data;
    private final CellsStore store;
    private final Faults faults;

    public CellsStage(StepFactory steps, ExperimentContext experiments, TrainingDataCache data, CellsStore store,
                      Faults faults) {
        this.steps = steps;
        this.experiments = experiments;
        this.data = data;
        this.store = store;
        this.faults = faults;
    }

    @Override
    public String section() {
        return "cells";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public boolean runs(JobSpec spec) {
        return spec.cells() != null;
    }

    @Override
    public List<Step> steps(JobSpec spec) {
        return List.of(steps.tasklet("cells", new CellsTasklet(spec, experiments, data, store, faults)));
    }
}
