package org.losslab.pipeline.spinglass;

import java.util.List;
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
public class SpinGlassStage implements PipelineStage {

    static final String WORKER = "spinglass-block";

    private final StepFactory steps;
    private final ExperimentContext experiments;
    private final SpinGlassCouplingsCache couplings;
    private final SpinGlassStore store;
    private final Faults faults;

    public SpinGlassStage(StepFactory steps, ExperimentContext experiments, SpinGlassCouplingsCache couplings,
                          SpinGlassStore store, Faults faults) {
        this.steps = steps;
        this.experiments = experiments;
        this.couplings = couplings;
        this.store = store;
        this.faults = faults;
    }

    @Override
    public String section() {
        return "spinglass";
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public boolean runs(JobSpec spec) {
        return spec.spinglass() != null;
    }

    @Override
    public List<Step> steps(JobSpec spec) {
        return List.of(steps.partitioned("spinglass", workerStep(WORKER, spec), new SpinGlassPartitioner(spec.spinglass())));
    }

    @Override
    public List<String> workerSteps() {
        return List.of(WORKER);
    }

    @Override
    public Step workerStep(String name, JobSpec spec) {
        if (!WORKER.equals(name)) {
            return PipelineStage.super.workerStep(name, spec);
        }
        SpinGlassBlockTasklet tasklet = new SpinGlassBlockTasklet(spec, experiments, couplings, store, faults);
        return steps.tasklet(WORKER, tasklet, tasklet);
    }
}
