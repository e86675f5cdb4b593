package org.losslab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.cli.Main;
import org.losslab.pipeline.compare.ComparisonRunner;
import org.losslab.pipeline.compare.ComparisonStore;
import org.losslab.support.Chromium;
import org.losslab.support.InProcess;
import org.losslab.support.TestDatabase;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The report of a stopped execution (fixtures inserted by SQL): it says what is missing, computes the
 * comparisons provisionally, draws the figures that have data and names the views the others need; a
 * completed execution shows the stored comparisons; {@code losslab report} prints the path; and headless
 * Chromium loads every image of the page.
 */
class ReportIT {

    static TestDatabase db;
    static ConfigurableApplicationContext ctx;
    static JdbcTemplate jdbc;
    static ReportGenerator reports;

    @BeforeAll
    static void start() {
        db = TestDatabase.create().useInProcess();
        ctx = InProcess.start();
        jdbc = ctx.getBean(JdbcTemplate.class);
        reports = ctx.getBean(ReportGenerator.class);
        ReportFixtures f = new ReportFixtures(jdbc);
        String[] steps = {"prepare-data", "train", "summarize", "hessian", "theory", "spinglass", "enumeration",
                "enumeration-kac-rice", "cells", "compare"};
        long stopped = f.experiment(7, "stopped", "STOPPED");
        f.plan(7, steps);
        f.step(70, 7, "prepare-data", "COMPLETED");
        f.step(71, 7, "train", "STOPPED");
        f.runs(stopped, 7, 71, 25, new double[] {0.30, 0.35, 0.28, 0.40, 0.33, 0.31}, new double[] {0.36, 0.41, 0.37, 0.47, 0.38, 0.39}, 0);
        f.runs(stopped, 7, 71, 100, new double[] {0.20, 0.22, 0.21, 0.19}, new double[] {0.30, 0.29, 0.31, 0.30}, 2);

        long done = f.experiment(8, "done", "COMPLETED");
        f.plan(8, steps);
        for (int i = 0; i < steps.length; i++) {
            f.step(80 + i, 8, steps[i], "COMPLETED");   // train is 81, compare 89
        }
        f.runs(done, 8, 81, 25, new double[] {0.30, 0.35, 0.28, 0.40}, new double[] {0.36, 0.41, 0.37, 0.47}, 0);
        certificate(done, "valley", true, "max_abs_risk_deviation", 1.7e-16, "<=", 1e-10, true);
        certificate(done, "in-cell-1-hidden", false, "max_abs_gap_to_cell_optimum", 3e-4, "<=", 1e-6, false);
        certificate(done, "in-cell-2-hidden-control", false, null, 0, null, 0, false);
        f.experiment(9, "unplanned", "STOPPED");
        f.step(90, 9, "prepare-data", "COMPLETED");
        new ComparisonStore(jdbc).replace(done, ComparisonRunner.compute(jdbc, done).comparisons(), 8, 89);
    }

    private static void certificate(long experiment, String name, boolean passed, String check, double value,
                                    String relation, double threshold, boolean pass) {
        String outcome = check == null ? "report-only" : passed ? "passed" : "failed";
        jdbc.update("INSERT INTO cell_certificate (experiment_id, dataset, certificate, reference, passed, outcome, outcome_reason,"
                + " settings, elapsed_ms, job_execution_id) VALUES (?, 'regression2d', ?, 'science.md §D.5', ?, ?, ?, '{}', 5, 8)",
                experiment, name, passed, outcome, check == null ? "no checks: measurements are reported only" : null);
        jdbc.update("INSERT INTO cell_measurement VALUES (?, 'regression2d', ?, 'starts', 20)", experiment, name);
        if (check != null) {
            jdbc.update("INSERT INTO cell_check VALUES (?, 'regression2d', ?, ?, ?, ?, ?, ?)", experiment, name, check, value,
                    relation, threshold, pass);
        }
    }

    @AfterAll
    static void stop() {
        ctx.close();
        db.close();
    }

    @Test
    void anExecutionWithoutAStepPlanSaysItCannotListStepsNeverStarted(@TempDir Path dir) throws Exception {
        String html = Files.readString(reports.write(9, dir));
        assertThat(html).contains("recorded no step plan").doesNotContain("step compare has not completed");
        assertThat(Files.readString(reports.write(7, dir.resolve("planned")))).doesNotContain("recorded no step plan");
    }

    @Test
    void reportOfAStoppedExecutionSaysWhatIsMissing(@TempDir Path dir) throws Exception {
        Path index = reports.write(7, dir);
        String html = Files.readString(index);

        assertThat(html).contains("execution 7 is STOPPED", "./losslab restart 7",
                "runs of hidden width 100: 2 of 6 not finished",
                "step summarize has not completed", "step compare has not completed",
                "Provisional: the compare step has not completed",
                "recalled, unverified",
                "missing: no rows yet in v_complexity for this experiment (written by the theory stage)",
                "missing: no rows yet in v_spinglass for this experiment",
                "missing: no rows yet in v_region_kde for this experiment (written by the region-statistics stage)",
                "SELECT hidden_width, run_key, test_loss FROM v_fig_test_loss_distribution WHERE experiment_id = 1",
                "CREATE VIEW v_fig_test_loss_distribution AS",
                "fixture-data-sha", "20150101", "name: stopped");
        for (String figure : new String[] {"test-loss-distribution", "test-loss-variance", "train-test-scatter",
                "correlation-vs-size"}) {
            assertThat(dir.resolve("figures/" + figure + ".png")).isNotEmptyFile();
            assertThat(dir.resolve("figures/" + figure + ".svg")).isNotEmptyFile();
            assertThat(html).contains("<img src=\"figures/" + figure + ".png\"");
        }
        assertThat(dir.resolve("figures/complexity-theta.png")).doesNotExist();
        assertThat(browserImageCounts(index)).as("images loaded / total in headless Chromium").containsExactly(4, 4);
        assertVerdictsFirstAndNothingWiderThanThePage(index);
    }

    @Test
    void reportOfACompletedExecutionShowsStoredComparisons(@TempDir Path dir) throws Exception {
        java.util.concurrent.atomic.AtomicInteger parts = new java.util.concurrent.atomic.AtomicInteger();
        String html = Files.readString(reports.write(8, dir, parts::incrementAndGet));
        assertThat(parts).as("parts reported to the progress display").hasValue(ReportGenerator.parts());
        assertThat(html).doesNotContain("Provisional", "not finished", "has not completed")
                .contains("Rows of table <code>comparison</code>", "pearson_train_test", "test_loss_variance_loglog_slope");
        assertThat(html).contains("Piecewise-linear cells (He, Wang &amp; Tao 2020)",
                "FROM v_cell_certificates WHERE experiment_id = " + jdbc.queryForObject(
                        "SELECT experiment_id FROM experiment WHERE name = 'done'", Long.class),
                "<td class=\"consistent\">passed</td>", "<td class=\"inconsistent\">failed</td>",
                "<td class=\"undetermined\">report-only</td>",
                "✓ max_abs_risk_deviation = 1.70000e-16 &lt;= 1.00000e-10",
                "✗ max_abs_gap_to_cell_optimum = 0.000300000 &lt;= 1.00000e-06",
                "no checks: measurements are reported only", "Every measurement");
        // the verdicts lead: before what is missing, the comparisons and every figure
        int verdicts = html.indexOf("<section id=\"verdicts\">");
        assertThat(verdicts).isPositive().isLessThan(html.indexOf("<h2 id=\"missing\">"));
        assertThat(html.indexOf("<h2 id=\"comparisons\">")).isGreaterThan(verdicts);
        // F10 (valley passed) and F11 (in-cell failed) come from the stored certificate rows
        assertThat(html).containsPattern("<td>F10</td><td>[^<]*</td><td class=\"consistent\">consistent</td>")
                .containsPattern("<td>F11</td><td>[^<]*</td><td class=\"inconsistent\">inconsistent</td>");
        assertThat(Files.readString(reports.write(7, dir.resolve("stopped")))).doesNotContain("Piecewise-linear cells");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM v_comparison WHERE experiment = 'done' AND code_version = '0.1.0'",
                Integer.class)).isPositive();
    }

    @Test
    void reportCommandPrintsThePath(@TempDir Path dir) {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(new String[] {"report", "7", "--out", dir.toString()});
        } finally {
            System.setOut(saved);
        }
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo(dir.resolve("index.html").toAbsolutePath().toString());
        assertThat(Main.run(new String[] {"report", "999"})).as("unknown execution is a usage error").isEqualTo(2);
    }

    /** The layout check can fail: a page wider than the window, and verdicts after a figure. */
    @Test
    void layoutCheckCatchesAWidePageAndVerdictsAfterAFigure(@TempDir Path dir) throws Exception {
        // without a browser the check is skipped; assume it here, not inside assertThatThrownBy (it would fail)
        Chromium.require("the layout check's own test");
        Path wide = dir.resolve("wide.html");
        Files.writeString(wide, "<!DOCTYPE html><html><body><section id=\"verdicts\">v</section>"
                + "<div style=\"width:2000px\">x</div></body></html>");
        assertThatThrownBy(() -> assertVerdictsFirstAndNothingWiderThanThePage(wide)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("rightmost element edge");
        Path late = dir.resolve("late.html");
        Files.writeString(late, "<!DOCTYPE html><html><body><h2 id=\"missing\">m</h2><img src=\"none.png\" alt=\"x\">"
                + "<section id=\"verdicts\">v</section></body></html>");
        assertThatThrownBy(() -> assertVerdictsFirstAndNothingWiderThanThePage(late)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("first section of the body");
    }

    /**
     * Renders the page in headless Chromium at 1400 × 1000 px with a measuring script added (in a copy beside
     * it, so the images load): the first section of the body is #verdicts, #verdicts comes before the first
     * {@code <img>}, and neither the page nor any element is wider than the window, with every
     * {@code <details>} closed and opened.
     */
    static void assertVerdictsFirstAndNothingWiderThanThePage(Path index) throws Exception {
        String chromium = Chromium.require("the browser check of the report");
        Path probe = index.resolveSibling("layout-probe.html");
        Files.writeString(probe, Files.readString(index).replace("</body>", LAYOUT_PROBE + "</body>"));
        try {
            String dom = Chromium.dumpDom(chromium, probe.toUri().toString(), "--window-size=1400,1000");
            Matcher m = Pattern.compile("data-layout=\"([^\"]*)\"").matcher(dom);
            assertThat(m.find()).as("the layout probe ran").isTrue();
            String[] v = m.group(1).split(" ");
            assertThat(v[0]).as("first section of the body").isEqualTo("verdicts");
            assertThat(v[1]).as("#verdicts before the first <img>").isEqualTo("1");
            int width = Integer.parseInt(v[2]);
            assertThat(width).as("page width").isBetween(1300, 1400);
            for (int i = 3; i < v.length; i++) {
                assertThat(Integer.parseInt(v[i])).as("widths (page scroll width, rightmost element edge; closed, "
                        + "then open details) " + m.group(1)).isLessThanOrEqualTo(width);
            }
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    static final String LAYOUT_PROBE = """
            <script>
            window.addEventListener('load', function () {
              var first = document.querySelector('body > section, body > h2');
              var v = document.getElementById('verdicts');
              var img = document.querySelector('img');
              var before = v && (!img || (v.compareDocumentPosition(img) & Node.DOCUMENT_POSITION_FOLLOWING));
              function widths() {
                var right = 0;
                document.querySelectorAll('body *').forEach(function (e) {
                  var r = e.getBoundingClientRect();
                  if (r.width > 0 && r.height > 0) { right = Math.max(right, r.right); }
                });
                return document.documentElement.scrollWidth + ' ' + Math.ceil(right);
              }
              var closed = widths();
              document.querySelectorAll('details').forEach(function (d) { d.open = true; });
              var open = widths();
              document.body.setAttribute('data-layout', (first ? first.id : '') + ' ' + (before ? 1 : 0) + ' '
                + document.documentElement.clientWidth + ' ' + closed + ' ' + open);
            });
            </script>
            """;

    /** Renders the page in headless Chromium and reads the counts its script wrote into the body. */
    static int[] browserImageCounts(Path index) throws Exception {
        String chromium = Chromium.require("the browser check of the report");
        String dom = Chromium.dumpDom(chromium, index.toUri().toString());
        Matcher total = Pattern.compile("data-images-total=\"(\\d+)\"").matcher(dom);
        Matcher loaded = Pattern.compile("data-images-loaded=\"(\\d+)\"").matcher(dom);
        assertThat(total.find() && loaded.find()).as("the page script ran; DOM was:\n" + dom.substring(0, Math.min(500, dom.length())))
                .isTrue();
        return new int[] {Integer.parseInt(loaded.group(1)), Integer.parseInt(total.group(1))};
    }
}
