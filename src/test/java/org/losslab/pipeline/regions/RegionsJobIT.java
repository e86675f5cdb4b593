package org.losslab.pipeline.regions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.faults.InjectedFaults;
import org.losslab.job.JobRunner;
import org.losslab.spec.JobSpec;
import org.losslab.support.InProcess;
import org.losslab.support.TestDatabase;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The region stages against a real PostgreSQL at toy size (MLP 784-16-16-10, ReLU and HardTanh,
 * random and trained, MNIST and Gaussian inputs, 300 inputs): row counts and the invariants of
 * {@code v_region_stats}; and a training partition, then a sampling partition, failed mid-way and
 * restarted, ending with exactly the rows (and parameter hashes) of an uninterrupted run, no duplicates.
 */
class RegionsJobIT {

    static final String SPEC = """
            name: %s
            seed: 20210101
            data: {dir: data/mnist-10k, holdout: 2000}
            regions:
              architectures: [mlp]
              mlp_widths: [16, 16]
              activations: [relu, hardtanh]
              states: [random, trained]
              inputs: [mnist, gaussian]
              input_count: 300
              census_train_count: 200
              batch_size: 100
              train_epochs: 2
              train_batch_size: 10
              train_count: 1000
              kde_points: 51
            """;
    static final String FAILING = "mlp-784-16-16-10/hardtanh/trained/mnist";

    static TestDatabase db;
    static ConfigurableApplicationContext ctx;
    static JdbcTemplate jdbc;
    static JobRunner runner;
    static JobExecution reference;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create().useInProcess();
        ctx = InProcess.start();
        jdbc = ctx.getBean(JdbcTemplate.class);
        runner = ctx.getBean(JobRunner.class);
        reference = runner.run(spec("rg-ref"), 1);
    }

    @AfterAll
    static void stop() {
        ctx.close();
        db.close();
    }

    static JobSpec spec(String name) {
        return JobSpec.fromText(name + ".yaml", SPEC.formatted(name));
    }

    @Test
    void completesWithRowsSatisfyingTheViewInvariants() {
        assertThat(reference.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // 4 networks x 2 input sets; (2 layers + pooled) x 2 averagings x L pieces (ReLU 2, HardTanh 3)
        assertThat(count("SELECT count(*) FROM v_region_stats WHERE experiment = 'rg-ref'")).isEqualTo(4 * 12 + 4 * 18);
        assertThat(count("SELECT count(DISTINCT (run_key, input_set)) FROM v_region_stats WHERE experiment = 'rg-ref'"))
                .isEqualTo(8);
        assertThat(count("SELECT count(*) FROM v_region_stats WHERE experiment = 'rg-ref' AND run_key ~ "
                + "'^rg-ref-[0-9a-f]{8}/regions/mlp-784-16-16-10/(relu|hardtanh)/(random|trained)$'"
                + " AND network_state IN ('random', 'trained') AND input_set IN ('mnist', 'gaussian')"
                + " AND averaging IN ('data', 'neuron') AND n = CASE averaging WHEN 'neuron' THEN 300"
                + " WHEN 'data' THEN units END")).isEqualTo(120);
        assertThat(count("""
                SELECT count(*) FROM (SELECT sum(mean) AS s FROM v_region_stats WHERE experiment = 'rg-ref'
                GROUP BY run_key, input_set, layer, averaging) g WHERE abs(s - 1) > 1e-9"""))
                .as("means sum to 1 over the pieces").isZero();
        assertThat(count("""
                SELECT count(*) FROM v_region_stats d JOIN v_region_stats n USING (run_key, input_set, layer, piece)
                WHERE d.experiment = 'rg-ref' AND d.averaging = 'data' AND n.averaging = 'neuron'
                  AND d.mean = n.mean"""))
                .as("data and neuron means are the same grand mean").isEqualTo(60);
        assertThat(count("SELECT count(*) FROM v_region_stats WHERE experiment = 'rg-ref' AND (sd < 0 OR null_sd < 0"
                + " OR ks_distance < 0 OR ks_distance > 1)")).isZero();
        assertThat(count("SELECT count(*) FROM region_kde k JOIN experiment e USING (experiment_id) WHERE e.name = 'rg-ref'"))
                .isEqualTo(120 * 51);
        assertThat(count("SELECT count(*) FROM region_joint j JOIN experiment e USING (experiment_id) "
                + "WHERE e.name = 'rg-ref' AND network_key NOT LIKE '%/hardtanh/%'")).as("joint only for 3 pieces").isZero();
        assertThat(count("SELECT count(*) FROM v_region_joint WHERE experiment = 'rg-ref' AND averaging = 'data'"
                + " AND r2 + r3 <= 1 + 1e-12")).as("every unit of every layer, and again pooled").isEqualTo(4 * 32 * 2);
        assertThat(count("SELECT count(*) FROM v_region_joint WHERE experiment = 'rg-ref' AND averaging = 'neuron'"
                + " AND activation = 'hardtanh' AND unit IS NULL AND r2 + r3 <= 1 + 1e-12"))
                .as("every datum per layer and pooled, 2 HardTanh networks x 2 input sets").isEqualTo(4 * 300 * 3);
        assertThat(count("""
                SELECT count(*) FROM (SELECT run_key, input_set, layer, avg(r2) AS r2, avg(r3) AS r3 FROM v_region_joint
                  WHERE experiment = 'rg-ref' AND averaging = 'neuron' GROUP BY 1, 2, 3) j
                JOIN v_region_stats s2 ON s2.run_key = j.run_key AND s2.input_set = j.input_set AND s2.layer = j.layer
                  AND s2.averaging = 'neuron' AND s2.piece = 2
                JOIN v_region_stats s3 ON s3.run_key = j.run_key AND s3.input_set = j.input_set AND s3.layer = j.layer
                  AND s3.averaging = 'neuron' AND s3.piece = 3
                WHERE abs(j.r2 - s2.mean) < 1e-12 AND abs(j.r3 - s3.mean) < 1e-12"""))
                .as("the joint's marginal means are the neuron-averaged means of pieces 2 and 3").isEqualTo(4 * 3);
        assertThat(count("SELECT count(*) FROM v_region_kde WHERE experiment = 'rg-ref'")).isEqualTo(120 * 51);
        assertThat(count("""
                SELECT count(*) FROM region_census JOIN experiment e USING (experiment_id) WHERE e.name = 'rg-ref'
                AND n_data = 300 AND distinct_patterns BETWEEN 1 AND 300
                AND ((input_set = 'mnist' AND train_data = 200 AND shared_distinct <= distinct_patterns)
                  OR (input_set = 'gaussian' AND train_data IS NULL))""")).isEqualTo(8 * 2);
        assertThat(count("""
                SELECT count(*) FROM (SELECT c.n_data, sum(p.data_per_pattern * p.patterns) AS s
                FROM region_census c JOIN region_pattern_size p USING (experiment_id, network_key, input_set, layer)
                JOIN experiment e USING (experiment_id) WHERE e.name = 'rg-ref'
                GROUP BY c.experiment_id, c.network_key, c.input_set, c.layer, c.n_data) g WHERE s = n_data"""))
                .as("pattern sizes add up to the data").isEqualTo(16);
        List<Map<String, Object>> nets = jdbc.queryForList("SELECT network_state, test_accuracy, epochs_done "
                + "FROM v_region_networks WHERE experiment = 'rg-ref' AND finished AND params_sha256 IS NOT NULL");
        assertThat(nets).hasSize(4);
        for (Map<String, Object> n : nets) {
            double acc = (Double) n.get("test_accuracy");
            if ("trained".equals(n.get("network_state"))) {
                assertThat(acc).as("trained %s", n).isGreaterThan(0.5);
                assertThat(n.get("epochs_done")).isEqualTo(2);
            } else {
                assertThat(acc).as("random %s", n).isLessThan(0.4);
            }
        }
        assertThat(count("SELECT count(*) FROM region_network_epoch e JOIN experiment x USING (experiment_id) "
                + "WHERE x.name = 'rg-ref'")).isEqualTo(2 * 2);
        assertThat(count("SELECT count(*) FROM region_network n JOIN experiment x USING (experiment_id) "
                + "WHERE x.name = 'rg-ref' AND updater_state IS NOT NULL")).as("no leftover training state").isZero();
    }

    @Test
    void failedTrainingAndSamplingRestartToTheSameResultsWithoutDuplicates() throws Exception {
        InjectedFaults faults = ctx.getBean(InjectedFaults.class);
        faults.failRegionTrainingOnce("mlp-784-16-16-10/relu/trained", 2);
        JobExecution failed = runner.run(spec("rg-restart"), 1);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(count("SELECT epochs_done FROM region_network n JOIN experiment e USING (experiment_id) "
                + "WHERE e.name = 'rg-restart' AND network_key = 'mlp-784-16-16-10/relu/trained' "
                + "AND updater_state IS NOT NULL")).as("epoch 2 rolled back, epoch 1 checkpointed").isEqualTo(1);

        faults.failSamplingOnce(FAILING, 200);
        JobExecution failedAgain = runner.restart(failed.getId());
        assertThat(failedAgain.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(count("SELECT next_row FROM region_sample s JOIN experiment e USING (experiment_id) "
                + "WHERE e.name = 'rg-restart' AND network_key || '/' || input_set = '" + FAILING + "'"))
                .as("the batch that failed was rolled back").isEqualTo(100);

        JobExecution restarted = runner.restart(failedAgain.getId());
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("SELECT count(*) FROM batch_step_execution WHERE job_execution_id = " + restarted.getId()
                + " AND step_name LIKE 'sample-activations-part:%'")).as("only the failed partition ran again")
                .isEqualTo(1);
        for (String table : List.of("region_stat", "region_kde", "region_joint", "region_joint_neuron", "region_census",
                "region_pattern_size", "region_network")) {
            String columns = switch (table) {
                case "region_stat" -> "network_key, input_set, layer, averaging, piece, layer_index, units, n_data, "
                        + "sample_size, trials, mean, sd, null_sd, sd_ratio, ks_distance, fraction_zero, fraction_one, "
                        + "bimodality, kde_bandwidth";
                case "region_kde" -> "network_key, input_set, layer, averaging, piece, point, x, density";
                case "region_joint" -> "network_key, input_set, layer, unit, r2, r3";
                case "region_joint_neuron" -> "network_key, input_set, layer, units, k2, k3, n_data";
                case "region_census" -> "network_key, input_set, layer, n_data, distinct_patterns, "
                        + "largest_pattern_count, singleton_patterns, train_data, train_distinct, shared_distinct, "
                        + "data_in_shared, train_data_in_shared, fingerprint";
                case "region_pattern_size" -> "network_key, input_set, layer, data_per_pattern, patterns";
                default -> "network_key, epochs_done, params_sha256, test_accuracy";
            };
            String rows = "SELECT " + columns + " FROM " + table + " JOIN experiment e USING (experiment_id) WHERE e.name = ";
            long ref = count("SELECT count(*) FROM (" + rows + "'rg-ref') r");
            assertThat(ref).as(table).isPositive();
            assertThat(count("SELECT count(*) FROM (" + rows + "'rg-restart') r")).as(table).isEqualTo(ref);
            assertThat(count("SELECT count(*) FROM ((" + rows + "'rg-ref') EXCEPT (" + rows + "'rg-restart')) d"))
                    .as("%s rows equal to the uninterrupted run", table).isZero();
        }
    }

    static long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
