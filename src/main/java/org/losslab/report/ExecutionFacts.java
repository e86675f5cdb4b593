package org.losslab.report;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Everything the report says about an execution besides figures and comparisons, read from the job
 * repository and the results tables: the execution and its siblings of the same job instance, step
 * timings, the steps it was assembled with, the experiment's spec and seed, runs done per width, data
 * checksums and provenance.
 * The experiment (and so every result) is that of the execution's job instance.
 */
public record ExecutionFacts(Map<String, Object> execution, Map<String, Object> experiment,
                             List<Map<String, Object>> executions, List<Map<String, Object>> steps,
                             List<Map<String, Object>> runsByWidth, List<Map<String, Object>> datasets,
                             List<Map<String, Object>> provenance, List<Map<String, Object>> runSeeds,
                             List<String> plannedSteps) {

    private static final String PROVENANCE = """
            SELECT p.job_execution_id AS execution, code_version, git_commit, nd4j_backend, nd4j_classifier,
                   batched_path, omp_threads, partition_threads, java_version, host, cpu_model, cpu_cores,
                   round(cpu_seconds::numeric, 1) AS cpu_seconds, recorded_at
            FROM provenance p JOIN v_job_execution e USING (job_execution_id)
            WHERE e.job_instance_id = ? ORDER BY 1""";

    /** {@link #PROVENANCE} for a login that may not read the host name (the analyst role, V27). */
    private static final String PROVENANCE_WITHOUT_HOST = PROVENANCE.replace(" host,", " NULL AS host,");

    public static ExecutionFacts load(JdbcTemplate jdbc, long executionId) {
        List<Map<String, Object>> e = jdbc.queryForList("""
                SELECT job_execution_id, job_name, job_instance_id, status, exit_code, create_time,
                       start_time, end_time, round(extract(epoch FROM coalesce(end_time, now()::timestamp)
                       - start_time)::numeric, 1) AS seconds
                FROM v_job_execution WHERE job_execution_id = ?""", executionId);
        if (e.isEmpty()) {
            throw new IllegalArgumentException("no job execution " + executionId + " in this database");
        }
        long instance = ((Number) e.get(0).get("job_instance_id")).longValue();
        List<Map<String, Object>> x = jdbc.queryForList("""
                SELECT experiment_id, name, instance_no, seed, spec_sha256, spec_text, created_at
                FROM experiment WHERE job_instance_id = ?""", instance);
        Map<String, Object> experiment = x.isEmpty() ? null : x.get(0);
        Long experimentId = experiment == null ? null : ((Number) experiment.get("experiment_id")).longValue();
        return new ExecutionFacts(e.get(0), experiment,
                jdbc.queryForList("""
                        SELECT job_execution_id AS execution, status, exit_code, start_time, end_time,
                               round(extract(epoch FROM coalesce(end_time, now()::timestamp) - start_time)::numeric, 1) AS seconds
                        FROM v_job_execution WHERE job_instance_id = ? ORDER BY job_execution_id""", instance),
                jdbc.queryForList("""
                        SELECT s.job_execution_id AS execution,
                               CASE WHEN step_name LIKE '%-block:%' THEN split_part(step_name, ':', 1) || ' (partitions)'
                                    ELSE step_name END AS step,
                               count(*) AS step_executions, count(*) FILTER (WHERE s.status = 'COMPLETED') AS completed,
                               string_agg(DISTINCT s.status, ',') AS statuses, sum(write_count) AS rows_written,
                               min(s.start_time) AS started, max(s.end_time) AS ended,
                               round(extract(epoch FROM max(coalesce(s.end_time, now()::timestamp)) - min(s.start_time))::numeric, 1) AS seconds
                        FROM v_step_execution s JOIN v_job_execution e USING (job_execution_id)
                        WHERE e.job_instance_id = ? GROUP BY 1, 2 ORDER BY 1, min(s.step_execution_id)""", instance),
                experimentId == null ? List.of() : jdbc.queryForList("""
                        WITH secs AS (
                            SELECT r.widths[2] AS w, round(sum(m.seconds)::numeric, 1) AS training_seconds
                            FROM epoch_metric m JOIN run r USING (run_id) WHERE r.experiment_id = ? GROUP BY 1)
                        SELECT widths[2] AS hidden_width, count(*) AS runs,
                               count(*) FILTER (WHERE status = 'COMPLETED') AS completed,
                               count(*) FILTER (WHERE status = 'DIVERGED') AS diverged,
                               count(*) FILTER (WHERE status = 'RUNNING') AS running,
                               count(*) FILTER (WHERE status = 'PENDING') AS pending,
                               sum(epochs_done) AS epochs_done, sum(epochs_planned) AS epochs_planned,
                               max(secs.training_seconds) AS training_seconds,
                               min(seed) AS min_seed, max(seed) AS max_seed
                        FROM run LEFT JOIN secs ON secs.w = run.widths[2]
                        WHERE experiment_id = ? GROUP BY widths[2] ORDER BY 1""", experimentId, experimentId),
                experimentId == null ? List.of() : jdbc.queryForList("""
                        SELECT ed.role, d.dataset_sha256, d.source, d.split, d.split_kind, d.n_train, d.n_test, d.image_rows, d.image_cols,
                               d.verified_as, d.file_sha256::text AS file_sha256
                        FROM experiment_dataset ed JOIN dataset d USING (dataset_sha256)
                        WHERE ed.experiment_id = ? ORDER BY ed.role""", experimentId),
                jdbc.queryForList(readsHost(jdbc) ? PROVENANCE : PROVENANCE_WITHOUT_HOST, instance),
                experimentId == null ? List.of() : jdbc.queryForList("""
                        SELECT run_key, seed, status, epochs_done FROM run WHERE experiment_id = ?
                        ORDER BY widths[2], restart LIMIT 5000""", experimentId),
                jdbc.queryForList("""
                        SELECT step_name FROM execution_step_plan WHERE job_execution_id = (
                            SELECT max(p.job_execution_id) FROM execution_step_plan p
                            JOIN v_job_execution e USING (job_execution_id)
                            WHERE e.job_instance_id = ? AND p.job_execution_id <= ?)
                        ORDER BY position""", String.class, instance, executionId));
    }

    /** Whether the connected login may read {@code provenance.host} (the owner and the app role may). */
    private static boolean readsHost(JdbcTemplate jdbc) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT has_column_privilege('provenance', 'host', 'SELECT')", Boolean.class));
    }

    public Long experimentId() {
        return experiment == null ? null : ((Number) experiment.get("experiment_id")).longValue();
    }

    /** The experiment's spec as it ran (stored with the experiment), or null without an experiment. */
    public org.losslab.spec.JobSpec spec() {
        return experiment == null ? null : org.losslab.spec.JobSpec.fromText("spec of execution " + executionId(),
                (String) experiment.get("spec_text"));
    }

    public long executionId() {
        return ((Number) execution.get("job_execution_id")).longValue();
    }

    public String jobName() {
        return (String) execution.get("job_name");
    }

    public String status() {
        return (String) execution.get("status");
    }

    /** Whether a step of this name completed in any execution of the job instance. */
    public boolean stepCompleted(String step) {
        return steps.stream().anyMatch(s -> step.equals(s.get("step"))
                && ((Number) s.get("completed")).longValue() > 0);
    }
}
