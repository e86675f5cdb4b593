package org.losslab.pipeline.training;

import java.util.List;
import org.losslab.faults.Faults;
import org.losslab.pipeline.ExperimentContext;
import org.losslab.pipeline.PipelineStage;
import org.losslab.pipeline.StepFactory;
import org.losslab.pipeline.data.TrainingDataCache;
import org.losslab.spec.JobSpec;
import org.springframework.batch.core.step.Step;
import org.springframework.stereotype.Component;

/**
 * The Choromanska experiment (science.md §A.5.2), section {@code training}: the partitioned train
 * step (one network per thread locally, or remote workers with {@code --remote}), whose worker step
 * train-block trains one width and block of restarts, then summarize. Its runs are planned by
 * prepare-data ({@link RunPlanner}); its progress is network-epochs done of planned.
 */
@Component
public class TrainingStage implements PipelineStage {

    static final String WORKER = "train-block";

    private final StepFactory steps;
    private final ExperimentContext experiments;
    private final TrainingDataCache data;
    private final RunStore runs;
    private final CheckpointStore checkpoints;
    private final SummaryStore summaries;
    private final Faults faults;

    public TrainingStage(StepFactory steps, ExperimentContext experiments, TrainingDataCache data, RunStore runs,
                         CheckpointStore checkpoints, SummaryStore summaries, Faults faults) {
        this.steps = steps;
        this.experiments = experiments;
        this.data = data;
        this.runs = runs;
        this.checkpoints = checkpoints;
        this.summaries = summaries;
        this.faults = faults;
    }

    @Override
    public String section() {
        return "training";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public boolean runs(JobSpec spec) {
        return spec.training() != null;
    }

    @Override
    public List<Step> steps(JobSpec spec) {
        return List.of(steps.partitioned("train", workerStep(WORKER, spec), new TrainingPartitioner(spec)),
                steps.tasklet("summarize", new SummarizeTasklet(experiments, summaries, faults)));
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
        TrainBlockTasklet tasklet = new TrainBlockTasklet(spec, data, experiments, runs, checkpoints, faults);
        return steps.tasklet(WORKER, tasklet, tasklet);
    }

    /** Network-epochs done and planned (a finished run counts all its planned epochs). */
    @Override
    public long[] progress(long experimentId) {
        return runs.progress(experimentId);
    }
}
