package org.losslab.pipeline.training;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
public record TrainingStage(StepFactory steps, ExperimentContext experiments, TrainingDataCache data, RunStore runs,
                            CheckpointStore checkpoints, AnnealSweepStore sweeps, RunCellsStore cells, SummaryStore summaries,
                            Faults faults)
        implements PipelineStage {

    static final String WORKER = "train-block";

    @Override
    public String section() {
        return "training";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public List<Step> steps(JobSpec spec) {
        return List.of(steps.partitioned("train", trainBlock(spec), new TrainingPartitioner(spec)),
                steps.tasklet("summarize", new SummarizeTasklet(experiments, summaries, faults)));
    }

    @Override
    public Map<String, Function<JobSpec, Step>> workerSteps() {
        return Map.of(WORKER, this::trainBlock);
    }

    /** Network-epochs done and planned (a finished run counts all its planned epochs). */
    @Override
    public long[] progress(long experimentId) {
        return runs.progress(experimentId);
    }

    @Override
    public String progressUnit() {
        return "network-epochs";
    }

    private Step trainBlock(JobSpec spec) {
        TrainBlockTasklet tasklet = new TrainBlockTasklet(spec, data, experiments, runs, checkpoints, sweeps,
                cells, faults);
        return steps.tasklet(WORKER, tasklet, tasklet.blocks());
    }
}
