package org.losslab.pipeline.regions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.faults.InjectedFaults;
import org.losslab.pipeline.data.DataPreparation;
import org.losslab.pipeline.training.TrainedRun;
import org.losslab.job.JobRunner;
import org.losslab.data.Features;
import org.losslab.data.MnistData;
import org.losslab.spec.JobSpec;
import org.losslab.support.InProcess;
import org.losslab.support.TestDatabase;
import org.losslab.training.Dl4jNetworks;
import org.losslab.training.FloatBytes;
import org.losslab.training.ParameterInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Architecture {@code choromanska} of the region stages (science.md §A.5.2, §C.4) against a real
 * PostgreSQL: a tiny training section (n1 ∈ {8, 12}, 3 restarts, 2 epochs), then the first 2
 * COMPLETED restarts per width sampled as random and trained networks on downsampled MNIST and
 * Gaussian inputs. Checks the rows of every (run, state, input set), the view invariants, that the
 * random state is the trainers' initialisation and the trained one the stored final parameters, and a
 * brute-force oracle: pre-activations and piece fractions from an independent forward pass; and a
 * sampling partition failed mid-way and restarted ends with the rows of the uninterrupted run.
 */
class ChoromanskaRegionsJobIT {

    static final String SPEC = """
            name: %s
            seed: 20150101
            data: {dir: data/mnist-10k, holdout: 2000, downsample: 10}
            training: {hidden_widths: [8, 12], restarts: 3, epochs: 2, learning_rate: 0.05, block_size: 2}
            regions:
              architectures: [choromanska]
              choromanska_runs: 2
              states: [random, trained]
              inputs: [mnist, gaussian]
              input_count: 200
              census_train_count: 100
              batch_size: 64
              kde_points: 21
            """;
    static final int N = 200;

    static TestDatabase db;
    static ConfigurableApplicationContext ctx;
    static JdbcTemplate jdbc;
    static JobSpec spec;
    static JobExecution execution;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create().useInProcess();
        ctx = InProcess.start();
        jdbc = ctx.getBean(JdbcTemplate.class);
        spec = spec("choro-regions");
        execution = ctx.getBean(JobRunner.class).run(spec, 1);
    }

    @AfterAll
    static void stop() {
        ctx.close();
        db.close();
    }

    @Test
    void samplesTheFirstCompletedRunsOfEveryWidthWithTheViewInvariants() {
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<String> selected = jdbc.queryForList("SELECT DISTINCT source_run_key FROM v_region_networks "
                + "WHERE experiment = 'choro-regions' ORDER BY 1", String.class);
        List<String> expected = jdbc.queryForList("""
                SELECT run_key FROM (SELECT run_key, row_number() OVER (PARTITION BY widths[2] ORDER BY restart) k
                FROM v_runs WHERE experiment = 'choro-regions' AND status = 'COMPLETED') r WHERE k <= 2 ORDER BY 1""",
                String.class);
        assertThat(selected).hasSize(4).isEqualTo(expected);
        // 4 runs x 2 states x 2 input sets; (1 layer + pooled) x 2 averagings x 2 pieces
        assertThat(count("SELECT count(DISTINCT (run_key, input_set)) FROM v_region_stats "
                + "WHERE experiment = 'choro-regions' AND architecture = 'choromanska'")).isEqualTo(16);
        assertThat(count("SELECT count(*) FROM v_region_stats s JOIN v_region_networks n USING (run_key) "
                + "WHERE s.experiment = 'choro-regions' AND s.run_key = 'choro-regions-' || left('"
                + spec.sha256() + "', 8) || '/regions/choromanska/' || substr(n.source_run_key, strpos(n.source_run_key, "
                + "'/mlp-') + 1) || '/' || s.network_state AND s.activation = 'relu' AND s.pieces = 2 "
                + "AND s.n = CASE s.averaging WHEN 'neuron' THEN " + N + " ELSE s.units END")).isEqualTo(16 * 8);
        assertThat(count("""
                SELECT count(*) FROM (SELECT sum(mean) AS s FROM v_region_stats WHERE experiment = 'choro-regions'
                GROUP BY run_key, input_set, layer, averaging) g WHERE abs(s - 1) > 1e-9"""))
                .as("means sum to 1 over the pieces").isZero();
        assertThat(count("""
                SELECT count(*) FROM v_region_stats d JOIN v_region_stats n USING (run_key, input_set, layer, piece)
                WHERE d.experiment = 'choro-regions' AND d.averaging = 'data' AND n.averaging = 'neuron'
                  AND d.mean = n.mean""")).as("data and neuron means are the same grand mean").isEqualTo(16 * 2 * 2);
        assertThat(count("SELECT count(*) FROM region_census c JOIN experiment e USING (experiment_id) "
                + "WHERE e.name = 'choro-regions' AND n_data = " + N + " AND ((input_set = 'mnist' AND train_data = 100)"
                + " OR (input_set = 'gaussian' AND train_data IS NULL))")).isEqualTo(16);
        assertThat(count("SELECT count(*) FROM region_network n JOIN experiment e USING (experiment_id) "
                + "WHERE e.name = 'choro-regions' AND params IS NULL AND finished")).as("no parameter copies").isEqualTo(8);
        assertThat(count("SELECT count(*) FROM v_region_networks n JOIN v_runs r ON r.run_key = n.source_run_key "
                + "WHERE n.experiment = 'choro-regions' AND n.network_state = 'trained' "
                + "AND abs(n.test_accuracy - (1 - r.final_test_error)) < 1e-6 AND n.test_size = 2000"))
                .as("the rebuilt network classifies the downsampled test set exactly as training measured").isEqualTo(4);
        assertThat(count("SELECT count(*) FROM batch_step_execution WHERE job_execution_id = " + execution.getId()
                + " AND step_name LIKE 'sample-activations-part:%'")).as("one partition per network x input set")
                .isEqualTo(16);
    }

    @Test
    void statesAreTheTrainersInitialisationAndTheStoredFinalParameters() {
        for (Map<String, Object> n : jdbc.queryForList("""
                SELECT n.network_state, n.params_sha256, n.seed, r.widths, r.restart, r.seed AS run_seed,
                       f.params_sha256 AS final_sha
                FROM region_network n JOIN run r ON r.run_id = n.source_run_id JOIN final_params f USING (run_id)
                JOIN experiment e ON e.experiment_id = n.experiment_id WHERE e.name = 'choro-regions'""")) {
            int[] sizes = sizes(n.get("widths"));
            assertThat(n.get("seed")).isEqualTo(n.get("run_seed"));
            if ("trained".equals(n.get("network_state"))) {
                assertThat(n.get("params_sha256")).isEqualTo(n.get("final_sha"));
            } else {
                float[] init = ParameterInit.draw(sizes, "uniform", 1.0,
                        ParameterInit.seed(spec.seed(), sizes[1], (Integer) n.get("restart")));
                assertThat(n.get("params_sha256")).as("random = re-derived init").isEqualTo(FloatBytes.sha256(
                        FloatBytes.encode(init)));
            }
        }
    }

    /** Independent forward pass of the stored parameters (doubles, DL4J layout read by hand). */
    @Test
    void preActivationsAndPieceFractionsAgreeWithABruteForceOracle() {
        MnistData data = DataPreparation.load(spec.data());
        float[] x = Features.downsampled(data.test(), 10, 10).data();
        for (String state : List.of("trained", "random")) {
            Map<String, Object> n = jdbc.queryForMap("""
                    SELECT r.widths, r.restart, f.params, n.network_key, n.test_accuracy FROM region_network n
                    JOIN run r ON r.run_id = n.source_run_id JOIN final_params f USING (run_id)
                    JOIN experiment e ON e.experiment_id = n.experiment_id WHERE e.name = 'choro-regions'
                    AND n.network_state = ? ORDER BY r.widths[2] DESC, r.restart LIMIT 1""", state);
            int[] sizes = sizes(n.get("widths"));
            float[] p = "trained".equals(state) ? FloatBytes.decode((byte[]) n.get("params"))
                    : ParameterInit.draw(sizes, "uniform", 1.0, ParameterInit.seed(spec.seed(), sizes[1],
                    (Integer) n.get("restart")));
            int in = sizes[0];
            int h = sizes[1];
            double[][] z = new double[N][h];
            long positive = 0;
            Set<String> patterns = new HashSet<>();
            for (int row = 0; row < N; row++) {
                StringBuilder pattern = new StringBuilder();
                for (int j = 0; j < h; j++) {
                    double s = p[in * h + j];                              // bias after the column-major W
                    for (int i = 0; i < in; i++) {
                        s += (double) p[i + j * in] * x[row * in + i];
                    }
                    z[row][j] = s;
                    positive += s > 0 ? 1 : 0;
                    pattern.append(s > 0 ? '1' : '0');
                }
                patterns.add(pattern.toString());
            }
            // the network the sampler runs, on the first 5 inputs
            TrainedRun run = new TrainedRun(0, "oracle", sizes, "relu", 0, 0, 0, 0);
            MultiLayerNetwork sampled = ChoromanskaNetworks.network(run, p);
            INDArray batch = Nd4j.create(Arrays.copyOf(x, 5 * in), new long[] {5, in}, 'c');
            INDArray zNet = sampled.getLayer(0).activate(batch, false, LayerWorkspaceMgr.noWorkspaces());
            for (int row = 0; row < 5; row++) {
                for (int j = 0; j < h; j++) {
                    assertThat(zNet.getDouble(row, j)).as("%s z[%d][%d]", state, row, j)
                            .isCloseTo(z[row][j], within(1e-4 * (1 + Math.abs(z[row][j]))));
                }
            }
            // the same function as the trainers' DL4J network
            MultiLayerNetwork reference = Dl4jNetworks.mlp(sizes, 0.1);
            reference.setParams(Nd4j.create(p, new long[] {1, p.length}, 'c'));
            assertThat(sampled.output(batch, false).sub(reference.output(batch, false)).amaxNumber().doubleValue())
                    .isLessThan(1e-5);
            double mean = jdbc.queryForObject("SELECT mean FROM region_stat JOIN experiment e USING (experiment_id) "
                    + "WHERE e.name = 'choro-regions' AND network_key = ? AND input_set = 'mnist'"
                    + " AND layer = 'fc1' AND averaging = 'data' AND piece = 2", Double.class, n.get("network_key"));
            assertThat(mean).as("%s: fraction of positive pre-activations", state)
                    .isCloseTo((double) positive / ((long) N * h), within(2.0 / ((long) N * h)));
            long distinct = count("SELECT distinct_patterns FROM region_census JOIN experiment e USING (experiment_id) "
                    + "WHERE e.name = 'choro-regions' AND network_key = '" + n.get("network_key")
                    + "' AND input_set = 'mnist' AND layer = 'fc1'");
            assertThat(distinct).as("%s: distinct activation patterns", state).isBetween(patterns.size() - 1L,
                    patterns.size() + 1L);
        }
    }

    @Test
    void aFailedSamplingPartitionRestartsToTheSameRowsWithoutDuplicates() throws Exception {
        String failing = "choromanska/mlp-100-12-10/relu/restart-0/trained/mnist";
        ctx.getBean(InjectedFaults.class).failSamplingOnce(failing, 128);
        JobRunner runner = ctx.getBean(JobRunner.class);
        JobExecution failed = runner.run(spec("choro-restart"), 1);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(count("SELECT next_row FROM region_sample s JOIN experiment e USING (experiment_id) "
                + "WHERE e.name = 'choro-restart' AND network_key || '/' || input_set = '" + failing + "'"))
                .as("the failed batch rolled back").isEqualTo(64);
        JobExecution restarted = runner.restart(failed.getId());
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("SELECT count(*) FROM batch_step_execution WHERE job_execution_id = " + restarted.getId()
                + " AND step_name LIKE 'sample-activations-part:%'")).as("only the failed partition ran again").isEqualTo(1);
        for (String rows : List.of(
                "SELECT network_key, input_set, layer, averaging, piece, n_data, mean, sd, null_sd, ks_distance FROM region_stat",
                "SELECT network_key, input_set, layer, distinct_patterns, shared_distinct, fingerprint FROM region_census",
                "SELECT n.network_key, n.params_sha256, n.test_accuracy, n.seed, n.layer_sizes FROM region_network n")) {
            String ref = rows + " JOIN experiment e USING (experiment_id) WHERE e.name = 'choro-regions'";
            String again = rows + " JOIN experiment e USING (experiment_id) WHERE e.name = 'choro-restart'";
            assertThat(count("SELECT count(*) FROM (" + again + ") r")).as(rows).isEqualTo(count("SELECT count(*) FROM ("
                    + ref + ") r")).isPositive();
            assertThat(count("SELECT count(*) FROM ((" + ref + ") EXCEPT (" + again + ")) d")).as(rows).isZero();
        }
    }

    static JobSpec spec(String name) {
        return JobSpec.fromText(name + ".yaml", SPEC.formatted(name));
    }

    static int[] sizes(Object sqlArray) {
        try {
            return Arrays.stream((Integer[]) ((java.sql.Array) sqlArray).getArray()).mapToInt(Integer::intValue).toArray();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
