package org.losslab.report;

import java.nio.file.Path;
import java.util.List;
import org.losslab.spec.JobSpec;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Results inserted by SQL, without training: a job instance with one execution and its steps, the
 * experiment (quickstart spec renamed), a data set, and runs with given final losses.
 */
final class ReportFixtures {

    private final JdbcTemplate jdbc;

    ReportFixtures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Job instance and execution {@code id} of job {@code name}; returns the experiment id. */
    long experiment(long id, String name, String status) {
        return experiment(id, name, status, new String[0]);
    }

    /** The same, with {@code --set} overrides of the quickstart spec (e.g. {@code regions=null}). */
    long experiment(long id, String name, String status, String... sets) {
        jdbc.update("INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key) VALUES (?, 0, ?, ?)",
                id, name, "key" + id);
        jdbc.update("""
                INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time, start_time,
                    end_time, status, exit_code) VALUES (?, 1, ?, now() - interval '10 minutes', now() - interval '10 minutes',
                    CASE WHEN ? = 'STARTED' THEN NULL ELSE now() END, ?, ?)""", id, id, status, status, status);
        List<String> overrides = new java.util.ArrayList<>(List.of("name=" + name));
        overrides.addAll(List.of(sets));
        String spec = JobSpec.load(Path.of("jobs/quickstart.yaml"), overrides).text();
        jdbc.update("""
                INSERT INTO experiment (job_instance_id, name, spec_sha256, spec_text, seed)
                VALUES (?, ?, repeat('ab', 32), ?, 20150101)""", id, name, spec);
        long experimentId = jdbc.queryForObject("SELECT experiment_id FROM experiment WHERE job_instance_id = ?", Long.class, id);
        jdbc.update("""
                INSERT INTO dataset (dataset_sha256, source, split, n_train, n_test, image_rows, image_cols, payload)
                VALUES ('fixture-data-sha', 'fixture', 'none', 8, 2, 10, 10, '\\x00') ON CONFLICT DO NOTHING""");
        jdbc.update("""
                INSERT INTO experiment_dataset (experiment_id, dataset_sha256, role, job_execution_id)
                VALUES (?, 'fixture-data-sha', 'mnist', ?)""", experimentId, id);
        jdbc.update("""
                INSERT INTO provenance (job_execution_id, experiment_id, code_version, git_commit, nd4j_backend,
                    nd4j_classifier, omp_threads, partition_threads, java_version, host)
                VALUES (?, ?, '0.1.0', 'fixture', 'CpuBackend', 'linux-x86_64', 1, 2, '17', 'fixture-host')""", id, experimentId);
        return experimentId;
    }

    /** A step execution {@code stepId} of execution {@code executionId}. */
    void step(long stepId, long executionId, String name, String status) {
        jdbc.update("""
                INSERT INTO batch_step_execution (step_execution_id, version, step_name, job_execution_id, create_time,
                    start_time, end_time, status, write_count) VALUES (?, 1, ?, ?, now(), now(), now(), ?, 0)""",
                stepId, name, executionId, status);
    }

    /** The steps an execution was assembled with (execution_step_plan), in run order. */
    void plan(long executionId, String... steps) {
        for (int i = 0; i < steps.length; i++) {
            jdbc.update("INSERT INTO execution_step_plan VALUES (?, ?, ?, 'fixture')", executionId, i, steps[i]);
        }
    }

    /** Runs of one width with the given final losses (one epoch each), or PENDING runs if losses are null. */
    void runs(long experimentId, long executionId, long stepId, int width, double[] train, double[] test, int pending) {
        int n = train == null ? 0 : train.length;
        for (int r = 0; r < n + pending; r++) {
            boolean done = r < n;
            String key = "fixture-" + experimentId + "/mlp-100-" + width + "-10/relu/restart-" + r;
            jdbc.update("""
                    INSERT INTO run (experiment_id, run_key, architecture, widths, activation, seed, restart, dataset_sha256,
                        status, epochs_planned, epochs_done, job_execution_id)
                    VALUES (?, ?, 'mlp', ?::int[], 'relu', ?, ?, 'fixture-data-sha', ?, 1, ?, ?)""",
                    experimentId, key, "{100," + width + ",10}", 1000L * width + r, r, done ? "COMPLETED" : "PENDING",
                    done ? 1 : 0, executionId);
            if (done) {
                jdbc.update("""
                        INSERT INTO epoch_metric (run_id, epoch, learning_rate, train_loss, test_loss, train_error, test_error,
                            seconds, step_execution_id)
                        SELECT run_id, 1, 0.1, ?, ?, 0.1, 0.1, 0.5, ? FROM run WHERE run_key = ?""",
                        train[r], test[r], stepId, key);
            }
        }
    }
}
