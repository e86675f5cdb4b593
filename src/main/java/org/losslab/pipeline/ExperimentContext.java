package org.losslab.pipeline;

import org.losslab.spec.JobSpec;
import org.losslab.store.ExperimentStore;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/** The experiment a step works for: its row id, and the instance number and run-key prefix of its job instance. */
@Component
public class ExperimentContext {

    private final ExperimentStore experiments;

    public ExperimentContext(ExperimentStore experiments) {
        this.experiments = experiments;
    }

    public long experimentId(StepExecution step) {
        return experimentId(step.getJobExecution());
    }

    public long experimentId(JobExecution execution) {
        long instanceId = execution.getJobInstance().getInstanceId();
        return experiments.idOf(instanceId).orElseThrow(() -> new IllegalStateException(
                "no experiment recorded for job instance " + instanceId));
    }

    /** The instance number of the execution's job instance (1, or higher for {@code rerun}). */
    public static long instance(JobExecution execution) {
        Long instance = execution.getJobParameters().getLong(JobParametersFactory.INSTANCE);
        return instance == null ? 1 : instance;
    }

    /** {@code <spec>-<hash8>}, then {@code /rerun-N} for instance N > 1: the prefix of every run key. */
    public static String runKeyPrefix(JobSpec spec, long instance) {
        return spec.name() + "-" + spec.shortHash() + (instance > 1 ? "/rerun-" + instance : "");
    }
}
