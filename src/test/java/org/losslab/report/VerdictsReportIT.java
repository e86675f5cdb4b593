package org.losslab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.pipeline.compare.ComparisonRunner;
import org.losslab.pipeline.compare.ComparisonStore;
import org.losslab.support.InProcess;
import org.losslab.support.TestDatabase;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 14's "done when" on rows in the database: three widths of 30 restarts give F3 a slope with an interval
 * and a verdict decided by it; spin-glass descents stopped at the cap are stored not converged, without an
 * index, and left out of F1; every row names its test and expectation source; the report opens with the
 * verdicts, says "not in this spec" for stages the spec does not run, and fits a 1400-px page.
 */
class VerdictsReportIT {

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
        experimentId = f.experiment(3, "three-widths", "COMPLETED", "regions=null", "training.hidden_widths=[25,100,400]",
                "training.restarts=30");
        String[] steps = {"prepare-data", "train", "summarize", "theory", "spinglass", "cells", "compare"};
        for (int i = 0; i < steps.length; i++) {
            f.step(30 + i, 3, steps[i], "COMPLETED");   // train is 31, compare 36
        }
        Random rnd = new Random(14);
        for (int w : new int[] {25, 100, 400}) {
            double sd = 0.1 * Math.pow(w / 25.0, -0.5);   // test-loss variance ∝ 1/n1
            double[] train = new double[30];
            double[] test = new double[30];
            for (int r = 0; r < 30; r++) {
                train[r] = 0.3 + 0.05 * rnd.nextGaussian();
                test[r] = 0.5 + sd * rnd.nextGaussian();
            }
            f.runs(experimentId, 3, 31, w, train, test, 0);
        }
        TheoryFixtures.create(jdbc, experimentId, 3, 34);
        new ComparisonStore(jdbc).replace(experimentId, ComparisonRunner.compute(jdbc, experimentId).comparisons(), 3, 36);
    }

    @AfterAll
    static void stop() {
        ctx.close();
        db.close();
    }

    @Test
    void threeWidthsOfThirtyRestartsDecideF3ByTheSlopeInterval() {
        Map<String, Object> f3 = jdbc.queryForMap("SELECT * FROM v_verdicts WHERE experiment_id = ? AND finding = 'F3'",
                experimentId);
        assertThat(f3.get("statistic")).isEqualTo("test_loss_variance_loglog_slope");
        double slope = (Double) f3.get("value");
        double low = (Double) f3.get("ci_low");
        double high = (Double) f3.get("ci_high");
        assertThat(low).isLessThan(slope);
        assertThat(high).isGreaterThan(slope).isNegative();
        assertThat(f3.get("verdict")).isEqualTo("consistent");
        assertThat(f3.get("alpha")).isEqualTo(0.05);
        assertThat((Integer) f3.get("n_groups")).isEqualTo(3);
        assertThat((Integer) f3.get("min_group_n")).isEqualTo(30);
        assertThat((String) f3.get("test")).contains("stratified percentile bootstrap");
        assertThat(f3.get("expectation_source")).isEqualTo("paper");
        // the figure's fitted line comes from three widths
        assertThat(jdbc.queryForList("SELECT DISTINCT loglog_slope FROM v_fig_test_loss_variance WHERE experiment_id = ?",
                Double.class, experimentId)).singleElement().isNotNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM comparison WHERE experiment_id = ? AND (expectation_source IS NULL"
                + " OR (verdict IS NOT NULL AND test IS NULL))", Integer.class, experimentId)).isZero();
    }

    @Test
    void cappedDescentsAreNotConvergedHaveNoIndexAndAreLeftOutOfF1() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM v_spinglass WHERE experiment_id = ? AND NOT converged AND idx IS NULL",
                Integer.class, experimentId)).isEqualTo(15);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM v_spinglass WHERE experiment_id = ? AND converged",
                Integer.class, experimentId)).isEqualTo(165);
        assertThatThrownBy(() -> jdbc.update("UPDATE spinglass_result SET idx = 2 WHERE NOT converged"))
                .hasMessageContaining("spinglass_result_index_needs_convergence");
        assertThat(jdbc.queryForObject("SELECT value FROM comparison WHERE experiment_id = ? AND statistic = 'descents_converged'"
                + " AND subject = 'N=100 (gd)'", Double.class, experimentId)).isEqualTo(55 / 60.0);
        assertThat(jdbc.queryForObject("SELECT n_inputs FROM comparison WHERE experiment_id = ? AND statistic = 'energy_sd'"
                + " AND subject = 'N=100 (gd)'", Integer.class, experimentId)).isEqualTo(55);
        assertThat(jdbc.queryForObject("SELECT verdict FROM v_verdicts WHERE experiment_id = ? AND finding = 'F1'",
                String.class, experimentId)).isEqualTo("consistent");
    }

    @Test
    void reportOpensWithVerdictsAndLeavesOutWhatTheSpecDoesNotRun(@TempDir Path dir) throws Exception {
        Path index = ctx.getBean(ReportGenerator.class).write(3, dir);
        String html = Files.readString(index);
        int verdicts = html.indexOf("<section id=\"verdicts\">");
        assertThat(verdicts).isPositive().isLessThan(html.indexOf("<img"));
        String section = html.substring(verdicts, html.indexOf("</section>", verdicts));
        assertThat(section).containsPattern("<td>F3</td><td>[^<]*</td><td class=\"consistent\">consistent</td>"
                        + "<td>test_loss_variance_loglog_slope \\(all sizes\\) = -[0-9.]+, 95% interval \\[-[0-9.]+, -[0-9.]+\\]")
                .contains("90 in 3 groups (smallest 30)")
                .containsPattern("<td>F7</td><td>[^<]*<span class=\"recon\">[^<]*</span></td><td class=\"none\">—</td>"
                        + "<td>not in this spec</td>")
                .contains("15 of 180 descents stopped at the step cap, left out");
        assertThat(html).contains("R_2 distributions: not in this spec: no regions section.")
                .doesNotContain("missing: no rows yet in v_region_kde");
        assertThat(html).contains("<details class=\"comparison\" id=\"cmp-F3\">");
        ReportIT.assertVerdictsFirstAndNothingWiderThanThePage(index);
        List<String> figures = List.of("test-loss-variance", "spinglass-energy", "complexity-theta", "kac-rice-convergence",
                "correlation-vs-size");
        for (String fig : figures) {
            assertThat(dir.resolve("figures/" + fig + ".png")).isNotEmptyFile();
        }
    }
}
