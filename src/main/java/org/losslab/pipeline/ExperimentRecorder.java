package org.losslab.pipeline;

import org.losslab.spec.JobSpec;
import org.losslab.store.ExperimentStore;
import org.losslab.store.Provenance;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Before a job execution starts: records its experiment (the effective spec) and the provenance of
 * this execution (code version, backend, thread counts, host), both idempotently.
 */
final class ExperimentRecorder implements JobExecutionListener {

    private final JobSpec spec;
    private final ExperimentStore experiments;

    ExperimentRecorder(JobSpec spec, ExperimentStore experiments) {
        this.spec = spec;
        this.experiments = experiments;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        long experimentId = experiments.ensure(execution.getJobInstance().getInstanceId(), spec,
                (int) ExperimentContext.instance(execution));
        experiments.recordProvenance(execution.getId(), experimentId, Provenance.current(),
                NumericsEnvironment.partitionThreads());
    }
}
