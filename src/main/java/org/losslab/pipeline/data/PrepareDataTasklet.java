package org.losslab.pipeline.data;

import java.util.List;
import org.losslab.data.MnistData;
import org.losslab.data.MnistDataCodec;
import org.losslab.faults.Faults;
import org.losslab.pipeline.ExperimentContext;
import org.losslab.spec.JobSpec;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * prepare-data: validates the spec's MNIST files, stores the digits in the database under their
 * checksum (so later steps and remote workers never read files), links them to the experiment and
 * lets the stages plan their work. All writes are idempotent; the step commits as one transaction.
 */
record PrepareDataTasklet(JobSpec spec, ExperimentContext experiments, DatasetStore datasets, List<WorkPlanner> planners,
                          Faults faults) implements Tasklet {

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        long experimentId = experiments.experimentId(step);
        MnistData data = DataPreparation.load(spec.data());
        String sha = data.checksum();
        datasets.ensure(data, MnistDataCodec.encode(data));
        datasets.link(experimentId, sha, "mnist", step.getJobExecutionId());
        faults.reach("prepare-data");
        contribution.incrementWriteCount(1);
        for (WorkPlanner p : planners) {
            p.plan(spec, experimentId, sha, step);
        }
        return RepeatStatus.FINISHED;
    }
}
