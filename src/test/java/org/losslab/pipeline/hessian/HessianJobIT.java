package org.losslab.pipeline.hessian;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.job.JobRunner;
import org.losslab.spec.JobSpec;
import org.losslab.support.InProcess;
import org.losslab.support.TestDatabase;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The hessian stage against a real PostgreSQL: the quickstart's section fills {@code v_network_hessian}
 * (exact at n1 = 25, 2,785 parameters) with the trainer's own final losses and a density of mass 1; and
 * {@code jobs/choromanska2015-h3.yaml} at reduced size analyses two-hidden-layer networks (3,435 parameters,
 * forced onto the Lanczos path with few steps to keep it cheap), labelled H = 3 in its comparisons.
 */
class HessianJobIT {

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

    @Test
    void quickstartFillsTheViewExactlyAtN1Of25() throws Exception {
        JobSpec spec = JobSpec.load(Path.of("jobs/quickstart.yaml"), List.of("name=hs-quick", "training.restarts=3",
                "training.epochs=2", "training.block_size=3", "theory=null", "spinglass=null", "cells=null",
                "regions=null", "hessian.runs_per_width=3"));
        JobExecution e = runner.run(spec, 1);
        assertThat(e.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT * FROM v_network_hessian WHERE experiment = 'hs-quick' ORDER BY run_key");
        assertThat(rows).hasSize(3);
        for (Map<String, Object> r : rows) {
            assertThat(r.get("width")).isEqualTo(25);
            assertThat(r.get("hidden_layers")).isEqualTo(1);
            assertThat(r.get("n_params")).isEqualTo(2785);
            assertThat(r.get("method")).isEqualTo("exact");
            double train = (Double) r.get("final_train_loss");
            assertThat((Double) r.get("hessian_train_loss")).as("kernel loss = trainer's loss, %s", r)
                    .isCloseTo(train, org.assertj.core.data.Percentage.withPercentage(1e-4));
            assertThat((Double) r.get("final_test_loss")).isPositive();
            boolean critical = (Boolean) r.get("critical");
            assertThat(critical).isEqualTo((Double) r.get("grad_norm") <= 1e-3);
            assertThat(r.get("index")).as("index only at critical points").isEqualTo(
                    critical ? r.get("negative_count") : null);
            assertThat((Double) r.get("lambda_min")).isLessThanOrEqualTo((Double) r.get("lambda_max"));
            assertThat((Long) r.get("negative_count") + (Long) r.get("zero_count")).isLessThanOrEqualTo(2785);
            assertThat(r.get("negative_lower_bound")).isEqualTo(r.get("negative_count"));
        }
        assertThat(count("""
                SELECT count(*) FROM (SELECT run_key, sum(mass) AS m, count(*) AS bins FROM v_network_hessian_density
                WHERE experiment = 'hs-quick' GROUP BY run_key) d WHERE abs(m - 1) < 1e-9 AND bins = 100""")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM batch_step_execution WHERE job_execution_id = " + e.getId()
                + " AND step_name LIKE 'hessian-block:%'")).as("two partitions of block_size 2").isEqualTo(2);
    }

    @Test
    void theH3JobRunsAtReducedSizeWithTwoHiddenLayers() throws Exception {
        JobSpec spec = JobSpec.load(Path.of("jobs/choromanska2015-h3.yaml"), List.of("name=hs-h3",
                "training.hidden_widths=[25]", "training.restarts=2", "training.epochs=1", "training.block_size=2",
                "hessian.runs_per_width=2", "hessian.block_size=2", "hessian.dense_max_params=0",
                "hessian.lanczos_steps=20", "hessian.slq_probes=2", "hessian.slq_steps=10", "hessian.slq_block=2",
                "compare.bootstrap_resamples=200"));
        JobExecution e = runner.run(spec, 1);
        assertThat(e.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.queryForList("SELECT n_params, hidden_layers, method, product_count, negative_lower_bound, "
                + "negative_count FROM v_network_hessian WHERE experiment = 'hs-h3'")).hasSize(2)
                .allMatch(r -> r.get("n_params").equals(3435) && r.get("hidden_layers").equals(2)
                        && "lanczos".equals(r.get("method")) && (Integer) r.get("product_count") > 0
                        && (Long) r.get("negative_lower_bound") >= 0, "two-hidden-layer networks by Lanczos (forced)");
        assertThat(jdbc.queryForList("SELECT DISTINCT subject FROM v_comparison WHERE experiment = 'hs-h3' "
                + "AND subject LIKE 'n1%'", String.class)).isNotEmpty().allMatch(s -> s.endsWith("(H=3)"));
    }

    static long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
