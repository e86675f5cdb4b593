package org.losslab.batch;

import org.losslab.spec.JobSpec;
import org.losslab.store.ExperimentStore;
import org.springframework.batch.core.job.JobExecution;

/** Resolves the experiment row of the job execution a step belongs to. */
public final class ExperimentContext {

    private ExperimentContext() {
    }

    public static long experimentId(ExperimentStore store, JobExecution execution) {
        long instanceId = execution.getJobInstance().getInstanceId();
        return store.idOf(instanceId).orElseThrow(() -> new IllegalStateException(
                "no experiment recorded for job instance " + instanceId));
    }

    public static String runKeyPrefix(JobSpec spec, long instance) {
        return spec.name() + "-" + spec.shortHash() + (instance > 1 ? "/rerun-" + instance : "");
    }
}
