package org.losslab.pipeline.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.losslab.faults.InjectedFaults;
import org.losslab.job.JobRunner;
import org.losslab.spec.JobSpec;
import org.losslab.support.ReferenceTraining;
import org.losslab.support.InProcess;
import org.losslab.support.TestDatabase;
import org.losslab.training.PreparedData;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Functional tests of the training job against a real PostgreSQL: the quickstart pipeline at
 * reduced size runs to COMPLETED with the expected rows, and a partition that fails mid-training
 * restarts to final parameters bit-identical to uninterrupted training, with no duplicate rows.
 */
class TrainingJobIT {

    static TestDatabase db;
    static ConfigurableApplicationContext ctx;
    static JdbcTemplate jdbc;
    static JobRunner runner;

    @BeforeAll
    static void start() {
        db = TestDatabase.create().useInProcess();
        ctx = InProcess.start();
        jdbc = ctx.getBean(JdbcTemplate.class);
        runner = ctx.getBean(JobRunner.class);
    }

    @AfterAll
    static void stop() {
        ctx.close();
        db.close();
    }

    static JobSpec quickstart(String name, String trainer) {
        return JobSpec.load(Path.of("jobs/quickstart.yaml"), List.of("name=" + name, "training.restarts=3",
                "training.epochs=3", "training.block_size=2", "training.trainer=" + trainer, "theory=null",
                "spinglass=null", "cells=null", "regions=null", "enumeration=null"));
    }

    @Test
    void quickstartCompletesWithExpectedRows() throws Exception {
        JobExecution e = runner.run(quickstart("qs-rows", "batched"), 1);

        assertThat(e.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("SELECT count(*) FROM v_runs WHERE experiment = 'qs-rows'")).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM v_runs WHERE experiment = 'qs-rows' AND status = 'COMPLETED'"
                + " AND epochs_done = 3 AND params_sha256 IS NOT NULL AND final_test_loss IS NOT NULL")).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM epoch_metric m JOIN v_runs r USING (run_id) WHERE experiment = 'qs-rows'"))
                .isEqualTo(18);
        assertThat(count("SELECT count(*) FROM checkpoint c JOIN v_runs r USING (run_id) WHERE experiment = 'qs-rows'"))
                .as("checkpoints of finished runs are dropped").isZero();
        assertThat(count("SELECT count(*) FROM size_summary s JOIN experiment x USING (experiment_id)"
                + " WHERE x.name = 'qs-rows' AND n_completed = 3")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM provenance WHERE job_execution_id = " + e.getId()
                + " AND nd4j_classifier = 'linux-x86_64' AND omp_threads = 1 AND openblas_coretype IS NOT NULL")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT short_context FROM batch_step_execution_context c "
                + "JOIN batch_step_execution s USING (step_execution_id) WHERE s.job_execution_id = ? "
                + "AND s.step_name LIKE 'train-block:%' LIMIT 1", String.class, e.getId()))
                .as("execution contexts are JSON, readable from SQL, and tiny").startsWith("{").hasSizeLessThan(400);
        assertThat(jdbc.queryForList("SELECT step_name || '@' || stage FROM execution_step_plan WHERE job_execution_id = ? "
                + "ORDER BY position", String.class, e.getId())).as("the steps the execution was assembled with, for the report")
                .containsExactly("prepare-data@data", "train@training", "summarize@training", "hessian@hessian",
                        "compare@compare");
        List<Map<String, Object>> keys = jdbc.queryForList("SELECT run_key FROM v_runs WHERE experiment = 'qs-rows' ORDER BY run_key");
        assertThat(keys.get(0).get("run_key").toString()).matches("qs-rows-[0-9a-f]{8}/mlp-100-100-10/relu/restart-0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"batched", "dl4j"})
    void failedPartitionRestartsBitIdentically(String trainer) throws Exception {
        JobSpec spec = quickstart("qs-restart-" + trainer, trainer);
        ctx.getBean(InjectedFaults.class).failTrainingOnce(25, 1, 2);

        JobExecution failed = runner.run(spec, 1);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(count("SELECT count(*) FROM v_runs WHERE experiment = 'qs-restart-" + trainer + "' AND status = 'COMPLETED'"))
                .isLessThan(6);

        JobExecution restarted = runner.restart(failed.getId());
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("SELECT count(*) FROM epoch_metric m JOIN v_runs r USING (run_id) WHERE experiment = 'qs-restart-" + trainer + "'"))
                .as("no duplicate or missing metric rows").isEqualTo(18);
        assertThat(count("SELECT count(DISTINCT step_execution_id) FROM batch_step_execution "
                + "WHERE job_execution_id = " + restarted.getId() + " AND step_name LIKE 'train-block:%'"))
                .as("only the failed partition ran again").isEqualTo(1);

        PreparedData data = ReferenceTraining.data(spec);
        Map<Integer, Map<Integer, String>> expected = new java.util.HashMap<>();
        for (Map<String, Object> run : jdbc.queryForList(
                "SELECT widths[2] AS width, restart, params_sha256 FROM v_runs WHERE experiment = 'qs-restart-" + trainer + "'")) {
            int width = (Integer) run.get("width");
            String sha = expected.computeIfAbsent(width, w -> ReferenceTraining.finalParamsSha256(spec, data, w))
                    .get((Integer) run.get("restart"));
            assertThat(run.get("params_sha256")).as("run %s", run).isEqualTo(sha);
        }
    }

    @Test
    void divergingRunsAreRecordedAndTheJobGoesOn() throws Exception {
        JobSpec spec = JobSpec.load(Path.of("jobs/quickstart.yaml"), List.of("name=qs-diverge", "training.restarts=2",
                "training.epochs=3", "training.hidden_widths=[25]", "training.init_scale=1e20", "training.trainer=batched", "theory=null",
                "spinglass=null", "cells=null", "regions=null", "enumeration=null"));
        JobExecution e = runner.run(spec, 1);

        assertThat(e.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("SELECT count(*) FROM v_runs WHERE experiment = 'qs-diverge' AND status = 'DIVERGED'"
                + " AND diverged_epoch = epochs_done AND params_sha256 IS NULL AND final_test_loss = 'NaN'"))
                .as("both runs diverged, recorded with their epoch and NaN loss").isEqualTo(2);
        assertThat(count("SELECT count(*) FROM checkpoint JOIN v_runs USING (run_id) WHERE experiment = 'qs-diverge'"))
                .isZero();
        assertThat(count("SELECT n_diverged FROM size_summary JOIN experiment USING (experiment_id)"
                + " WHERE name = 'qs-diverge'")).isEqualTo(2);
    }

    static long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
