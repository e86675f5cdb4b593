package org.losslab.batch;

import org.losslab.data.MnistData;
import org.losslab.data.MnistDataCodec;
import org.losslab.faults.Faults;
import org.losslab.spec.JobSpec;
import org.losslab.spec.TrainingSpec;
import org.losslab.store.DatasetStore;
import org.losslab.store.ExperimentStore;
import org.losslab.store.RunStore;
import org.losslab.training.ParameterInit;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * prepare-data: validates the spec's MNIST files, stores the digits in the database under their
 * checksum (so later steps and remote workers never read files), links them to the experiment and
 * plans every run of the spec. All writes are idempotent; the step commits as one transaction.
 */
public final class PrepareDataTasklet implements Tasklet {

    public static final String ARCHITECTURE = "mlp";

    private final JobSpec spec;
    private final ExperimentStore experiments;
    private final DatasetStore datasets;
    private final RunStore runs;
    private final Faults faults;

    public PrepareDataTasklet(JobSpec spec, ExperimentStore experiments, DatasetStore datasets, RunStore runs,
                              Faults faults) {
        this.spec = spec;
        this.experiments = experiments;
        this.datasets = datasets;
        this.runs = runs;
        this.faults = faults;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        long experimentId = ExperimentContext.experimentId(experiments, step.getJobExecution());
        MnistData data = DataPreparation.load(spec.data());
        String sha = data.checksum();
        datasets.ensure(sha, data.source(), data.split(), data.train().count(), data.test().count(), data.rows(),
                data.cols(), MnistDataCodec.encode(data));
        datasets.link(experimentId, sha, "mnist", step.getJobExecutionId());
        faults.reach("prepare-data");
        contribution.incrementWriteCount(1);
        TrainingSpec t = spec.training();
        if (t != null) {
            Long instance = step.getJobExecution().getJobParameters().getLong(JobParametersFactory.INSTANCE);
            String prefix = ExperimentContext.runKeyPrefix(spec, instance == null ? 1 : instance);
            for (int width : t.hiddenWidths()) {
                int[] sizes = t.layerSizes(spec.data().inputSize(), width);
                for (int r = 0; r < t.restarts(); r++) {
                    runs.ensure(experimentId, runKey(prefix, sizes, t.activation(), r), ARCHITECTURE, sizes,
                            t.activation(), ParameterInit.seed(spec.seed(), width, r), r, sha, t.epochs(),
                            step.getJobExecutionId());
                }
            }
        }
        return RepeatStatus.FINISHED;
    }

    /** e.g. {@code quickstart-1a2b3c4d/mlp-100-25-10/relu/restart-3}. */
    static String runKey(String prefix, int[] sizes, String activation, int restart) {
        StringBuilder s = new StringBuilder(prefix).append('/').append(ARCHITECTURE);
        for (int n : sizes) {
            s.append('-').append(n);
        }
        return s.append('/').append(activation).append("/restart-").append(restart).toString();
    }
}
