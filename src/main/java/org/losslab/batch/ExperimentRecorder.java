package org.losslab.batch;

import org.losslab.spec.JobSpec;
import org.losslab.store.ExperimentStore;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Before a job execution starts: records its experiment (the effective spec) and the provenance of
 * this execution (code version, backend, thread counts, host), both idempotently.
 */
public final class ExperimentRecorder implements JobExecutionListener {

    private final JobSpec spec;
    private final ExperimentStore experiments;
    private final JdbcTemplate jdbc;

    public ExperimentRecorder(JobSpec spec, ExperimentStore experiments, JdbcTemplate jdbc) {
        this.spec = spec;
        this.experiments = experiments;
        this.jdbc = jdbc;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        Long instance = execution.getJobParameters().getLong(JobParametersFactory.INSTANCE);
        long experimentId = experiments.ensure(execution.getJobInstance().getInstanceId(), spec,
                instance == null ? 1 : instance.intValue());
        Provenance p = Provenance.current();
        jdbc.update("""
                INSERT INTO provenance (job_execution_id, experiment_id, code_version, git_commit, nd4j_backend,
                    nd4j_classifier, omp_threads, partition_threads, java_version, host)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (job_execution_id) DO NOTHING""",
                execution.getId(), experimentId, p.codeVersion(), p.gitCommit(), p.nd4jBackend(), p.nd4jClassifier(),
                p.ompThreads(), NumericsEnvironment.partitionThreads(), p.javaVersion(), p.host());
    }
}
