package org.losslab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.comparison.CorrelationInterval;
import org.losslab.support.InProcess;
import org.losslab.support.TestDatabase;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each figure view returns what its figure needs, on fixtures inserted by SQL: hand-computed variances
 * (no log-log slope from two widths), Pearson r and its Fisher interval, the recalled values next to them; and every
 * registered figure renders to PNG and SVG (theory tables filled with fixture rows; region views stood
 * in by tables of the expected columns). The drawn figures are left in target/figure-fixtures for inspection.
 */
class FigureViewsIT {

    static TestDatabase db;
    static ConfigurableApplicationContext ctx;
    static JdbcTemplate jdbc;
    static long experimentId;

    // width 25: train 1..5, test {2,1,4,3,5}: r = 0.8; width 50: variance of test = 0.25 * that of width 25
    static final double[] TRAIN = {1, 2, 3, 4, 5};
    static final double[] TEST_25 = {2, 1, 4, 3, 5};
    static final double[] TEST_50 = {1.0, 0.5, 1.5, 1.0, 2.0};

    @BeforeAll
    static void start() {
        db = TestDatabase.create().useInProcess();
        ctx = InProcess.start();
        jdbc = ctx.getBean(JdbcTemplate.class);
        ReportFixtures f = new ReportFixtures(jdbc);
        experimentId = f.experiment(1, "views", "COMPLETED");
        f.step(1, 1, "train", "COMPLETED");
        f.runs(experimentId, 1, 1, 25, TRAIN, TEST_25, 0);
        f.runs(experimentId, 1, 1, 50, TRAIN, TEST_50, 0);
    }

    @AfterAll
    static void stop() {
        ctx.close();
        db.close();
    }

    @Test
    void varianceViewHasHandComputedVariancesAndSlope() {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT * FROM v_fig_test_loss_variance WHERE experiment_id = ? ORDER BY hidden_width", experimentId);
        assertThat(rows).hasSize(2);
        assertThat((Double) rows.get(0).get("test_loss_variance")).isCloseTo(2.5, within(1e-12));   // var{1..5}
        assertThat((Double) rows.get(1).get("test_loss_variance")).isCloseTo(0.325, within(1e-12));
        // two widths: no fitted line (a line through two points always fits); VerdictsReportTest has three
        assertThat(rows.get(0).get("loglog_slope")).isNull();
        assertThat(rows.get(0).get("loglog_r2")).isNull();
        assertThat((Long) rows.get(0).get("n_completed")).isEqualTo(5);
    }

    @Test
    void correlationViewsMatchFisherIntervalAndCarryRecalledValues() {
        Map<String, Object> r25 = jdbc.queryForMap(
                "SELECT * FROM v_fig_correlation_vs_size WHERE experiment_id = ? AND hidden_width = 25", experimentId);
        CorrelationInterval ci = CorrelationInterval.of(TRAIN, TEST_25);
        assertThat((Double) r25.get("pearson_r")).isCloseTo(0.8, within(1e-12));
        assertThat((Double) r25.get("ci_low")).isCloseTo(ci.low(), within(1e-12)).isCloseTo(-0.2796, within(1e-4));
        assertThat((Double) r25.get("ci_high")).isCloseTo(ci.high(), within(1e-12)).isCloseTo(0.9862, within(1e-4));
        assertThat((Double) r25.get("recalled_r")).isEqualTo(0.7616);
        assertThat(r25.get("recalled_status")).isEqualTo("recalled, unverified");
        assertThat(jdbc.queryForList("SELECT DISTINCT pearson_r FROM v_fig_train_test_scatter WHERE hidden_width = 25",
                Double.class)).singleElement().satisfies(r -> assertThat(r).isCloseTo(0.8, within(1e-12)));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM v_fig_test_loss_distribution WHERE experiment_id = ?",
                Integer.class, experimentId)).isEqualTo(10);
    }

    @Test
    void everyRegisteredFigureRendersFromFixtureViews() throws Exception {
        TheoryFixtures.create(jdbc, experimentId, 1, 1);
        HessianFixtures.create(jdbc, experimentId, 1);
        Path dir = Files.createDirectories(Path.of("target", "figure-fixtures"));
        FigureRenderer renderer = new FigureRenderer(jdbc);
        for (FigureSection s : FigureRegistry.all()) {
            SectionOutcome o = renderer.render(s, experimentId, dir);
            assertThat(o.status()).as(s.id() + ": " + o.message()).isEqualTo(SectionOutcome.Status.DRAWN);
            assertThat(dir.resolve(o.pngFile())).isNotEmptyFile();
            assertThat(Files.readString(dir.resolve(o.svgFile()))).contains("<svg");
        }
    }
}
