package org.losslab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.support.InProcess;
import org.losslab.support.TestDatabase;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 15 item 5: v_region_networks puts each finished trained network's test accuracy beside the accuracy
 * science.md §C.4 states (98 %), with a 95 % Wilson interval, and flags the networks below it; the report names
 * them in one line. Random networks have no stated accuracy and no flag.
 */
class RegionAccuracyIT {

    static TestDatabase db;
    static ConfigurableApplicationContext ctx;
    static JdbcTemplate jdbc;
    static long experimentId;

    @BeforeAll
    static void start() {
        db = TestDatabase.create().useInProcess();
        ctx = InProcess.start();
        jdbc = ctx.getBean(JdbcTemplate.class);
        ReportFixtures f = new ReportFixtures(jdbc);
        experimentId = f.experiment(5, "accuracy", "COMPLETED");
        f.step(50, 5, "region-networks", "COMPLETED");
        network("mlp-784-32-10/relu/trained", "mlp", "trained", 0.9912);
        network("lenet5/relu/trained", "lenet", "trained", 0.95);
        network("mlp-784-32-10/relu/random", "mlp", "random", 0.101);
    }

    static void network(String key, String architecture, String state, double accuracy) {
        jdbc.update("""
                INSERT INTO region_network (experiment_id, network_key, run_key, architecture, layer_sizes, activation, pieces,
                    network_state, seed, epochs_planned, epochs_done, iteration, finished, params, params_sha256, train_size,
                    test_accuracy, test_size, step_execution_id)
                VALUES (?, ?, ?, ?, '{784,32,10}', 'relu', 2, ?, 7, 1, 1, 10, true, '\\x00', 'sha', 8000, ?, 2000, 50)""",
                experimentId, key, "accuracy/regions/" + key, architecture, state, accuracy);
    }

    @AfterAll
    static void stop() {
        ctx.close();
        db.close();
    }

    @Test
    void trainedNetworksBelowTheStatedAccuracyAreFlaggedWithAnInterval() {
        Map<String, Object> lenet = row("lenet5/relu/trained");
        assertThat(lenet.get("paper_accuracy")).isEqualTo(0.98);
        assertThat(lenet.get("below_paper")).isEqualTo(true);
        assertThat((String) lenet.get("paper_accuracy_source")).contains("science.md §C.4", "[DEFAULT]");
        // Wilson 95 % interval of 0.95 at n = 2000, computed here independently
        double z = 1.959963984540054;
        double n = 2000;
        double p = 0.95;
        double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        double half = z / (1 + z * z / n) * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n));
        assertThat((Double) lenet.get("test_accuracy_ci_low")).isCloseTo(centre - half, within(1e-12));
        assertThat((Double) lenet.get("test_accuracy_ci_high")).isCloseTo(centre + half, within(1e-12));
        assertThat(row("mlp-784-32-10/relu/trained").get("below_paper")).isEqualTo(false);
        Map<String, Object> random = row("mlp-784-32-10/relu/random");
        assertThat(random.get("paper_accuracy")).isNull();
        assertThat(random.get("below_paper")).isNull();
    }

    @Test
    void theReportNamesTheNetworksBelowTheStatedAccuracy(@TempDir Path dir) throws Exception {
        String html = Files.readString(ctx.getBean(ReportGenerator.class).write(5, dir));
        assertThat(html).contains("<h2 id=\"region-accuracy\">")
                .contains("1 of 2 trained networks is below the test accuracy science.md §C.4 states for the trained grid "
                        + "networks (98.00 %, a [DEFAULT] target, not quoted from the paper): lenet5/relu/trained 95.00 %");
    }

    private static Map<String, Object> row(String key) {
        return jdbc.queryForMap("SELECT * FROM v_region_networks WHERE experiment_id = ? AND network_key = ?",
                experimentId, key);
    }
}
