package org.losslab.store;

import java.util.Optional;
import org.losslab.spec.JobSpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Experiments: one per Spring Batch job instance, holding the effective spec it runs, and the provenance of its executions. */
@Repository
public class ExperimentStore {

    private final JdbcTemplate jdbc;

    public ExperimentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The experiment of a job instance, created on first use (idempotent). */
    public long ensure(long jobInstanceId, JobSpec spec, int instanceNo) {
        jdbc.update("""
                INSERT INTO experiment (job_instance_id, name, spec_sha256, spec_text, seed, instance_no)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (job_instance_id) DO NOTHING""",
                jobInstanceId, spec.name(), spec.sha256(), spec.text(), spec.seed(), instanceNo);
        return jdbc.queryForObject("SELECT experiment_id FROM experiment WHERE job_instance_id = ?",
                Long.class, jobInstanceId);
    }

    public Optional<Long> idOf(long jobInstanceId) {
        return jdbc.queryForList("SELECT experiment_id FROM experiment WHERE job_instance_id = ?",
                Long.class, jobInstanceId).stream().findFirst();
    }

    /** Records what produced the execution's results (idempotent: one row per execution). */
    public void recordProvenance(long jobExecutionId, long experimentId, Provenance p, int partitionThreads) {
        jdbc.update("""
                INSERT INTO provenance (job_execution_id, experiment_id, code_version, git_commit, nd4j_backend,
                    nd4j_classifier, omp_threads, partition_threads, java_version, host, openblas_coretype, batched_path)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (job_execution_id) DO NOTHING""",
                jobExecutionId, experimentId, p.codeVersion(), p.gitCommit(), p.nd4jBackend(), p.nd4jClassifier(),
                p.ompThreads(), partitionThreads, p.javaVersion(), p.host(), p.openblasCoretype(), p.batchedPath());
    }

    /** Records the machine of an execution beside its provenance (the row recorded first). */
    public void recordMachine(long jobExecutionId, Machine m) {
        jdbc.update("UPDATE provenance SET cpu_model = ?, cpu_cores = ? WHERE job_execution_id = ?",
                m.cpuModel(), m.cores(), jobExecutionId);
    }

    /**
     * Records the steps an execution was assembled with, as {step name, stage section} in run order;
     * idempotent, so a repeated start of the same execution writes nothing twice.
     */
    public void recordStepPlan(long jobExecutionId, java.util.List<String[]> steps) {
        for (int i = 0; i < steps.size(); i++) {
            jdbc.update("INSERT INTO execution_step_plan (job_execution_id, position, step_name, stage) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING", jobExecutionId, i, steps.get(i)[0], steps.get(i)[1]);
        }
    }

    /** Records the CPU time the process spent on an execution, at its end. */
    public void recordCpuSeconds(long jobExecutionId, double seconds) {
        jdbc.update("UPDATE provenance SET cpu_seconds = ? WHERE job_execution_id = ?", seconds, jobExecutionId);
    }

    /** The execution created last (of any job), if any. */
    public Optional<Long> newestExecutionId() {
        return jdbc.queryForList("SELECT job_execution_id FROM v_job_execution ORDER BY create_time DESC, job_execution_id DESC LIMIT 1",
                Long.class).stream().findFirst();
    }

    /** The provenance an execution was started with, if recorded (the host is not read). */
    public Optional<Provenance> provenance(long jobExecutionId) {
        return jdbc.query("""
                SELECT code_version, git_commit, nd4j_backend, nd4j_classifier, omp_threads, openblas_coretype,
                       java_version, batched_path FROM provenance WHERE job_execution_id = ?""",
                (rs, i) -> new Provenance(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6), rs.getString(7), null, rs.getString(8)), jobExecutionId).stream().findFirst();
    }

    /** Canonical spec text stored for a job instance (what restart and remote workers run). */
    public Optional<String> specText(long jobInstanceId) {
        return jdbc.queryForList("SELECT spec_text FROM experiment WHERE job_instance_id = ?",
                String.class, jobInstanceId).stream().findFirst();
    }
}
