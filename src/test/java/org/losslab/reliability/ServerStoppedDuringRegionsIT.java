package org.losslab.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.support.LosslabProcess;
import org.losslab.support.PrivatePostgres;
import org.losslab.support.TestDatabase;

/**
 * Issue #18: a PostgreSQL server of the test's own is stopped ({@code pg_ctl stop -m fast}: sessions end with
 * 57P01, then connections are refused) while region-networks trains.
 * <ol>
 *   <li>for 15 s, then started again: the job recovers inside its steps (retries, exit 0) or, if the outage hit
 *       Spring Batch's bookkeeping outside a chunk, the first {@code losslab restart --last} completes it; either way
 *       the region networks, their epoch losses, samples and statistics equal an uninterrupted run in another
 *       database;
 *   <li>for good, with a 5 s retry budget: the process ends with exit 5 and one line, no stack trace, in
 *       seconds.
 * </ol>
 */
class ServerStoppedDuringRegionsIT {

    static final String SPEC = """
            name: regions-outage
            seed: 20261205
            data: {dir: data/mnist-10k, holdout: 2000}
            regions:
              architectures: [mlp]
              mlp_widths: [16, 16]
              activations: [relu, hardtanh]
              states: [trained]
              inputs: [mnist]
              input_count: 100
              census_train_count: 0
              batch_size: 50
              kde_points: 11
              train_epochs: 8
              train_count: 1000
            """;

    static final Map<String, String> ROWS = Map.of(
            "region_network", "SELECT network_key || ' ' || epochs_done || ' ' || params_sha256 || ' ' || test_accuracy "
                    + "FROM region_network",
            "region_network_epoch", "SELECT network_key || ' ' || epoch || ' ' || train_loss FROM region_network_epoch",
            "region_sample", "SELECT (to_jsonb(t) - 'experiment_id' - 'step_execution_id' - 'state' - 'train_state')::text || md5(t.state) "
                    + "FROM region_sample t",
            "region_stat", "SELECT (to_jsonb(t) - 'experiment_id' - 'step_execution_id' - 'computed_at')::text "
                    + "FROM region_stat t");

    @Test
    void stoppedFor15SecondsRecoversInsideTheStepOrOnTheFirstRestart(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(PrivatePostgres.available(), "needs PostgreSQL binaries for a private server");
        Path spec = tmp.resolve("regions-outage.yaml");
        Files.writeString(spec, SPEC);
        Path log = tmp.resolve("outage.log");
        Path refLog = tmp.resolve("reference.log");
        try (TestDatabase reference = TestDatabase.create(); PrivatePostgres pg = PrivatePostgres.start(tmp)) {
            Process uninterrupted = LosslabProcess.start(reference, refLog, Map.of("LOSSLAB_THREADS", "1"), "run",
                    spec.toString());
            Map<String, String> env = Map.of("LOSSLAB_THREADS", "1");
            try {
                Process run = LosslabProcess.start(pg.url(), "postgres", log, env, "run", spec.toString());
                waitFor(pg, run, log, "SELECT count(*) FROM region_network_epoch", 2);
                pg.stop();
                long stoppedAt = System.nanoTime();
                Thread.sleep(15_000);
                pg.startAgain();
                assertThat(run.waitFor(5, TimeUnit.MINUTES)).as("the run ends; log: %s", log).isTrue();
                String out = Files.readString(log);
                System.out.printf("server stopped 15 s: run ended %.1f s after the stop with exit %d, %d retries logged%n",
                        (System.nanoTime() - stoppedAt) / 1e9, run.exitValue(),
                        out.lines().filter(l -> l.contains("transient database error")).count());
                assertThat(out).as("no stack trace").doesNotContain("\tat org.", "Caused by:");
                if (run.exitValue() != 0) {
                    assertThat(run.exitValue()).as("a failed job is exit 1 or 5; log:%n%s", out).isIn(1, 5);
                    Files.writeString(log, "");
                    int restart = LosslabProcess.run(pg.url(), "postgres", log, env, "restart", "--last");
                    assertThat(restart).as("the first restart completes; log:%n%s", Files.readString(log)).isZero();
                }
                assertThat(uninterrupted.waitFor(10, TimeUnit.MINUTES)).as("reference finished").isTrue();
                assertThat(uninterrupted.exitValue()).as("uninterrupted; log: %s", Files.readString(refLog)).isZero();
            } finally {
                uninterrupted.destroyForcibly().waitFor();
            }
            try (Connection c = DriverManager.getConnection(pg.url(), "postgres", "")) {
                assertThat(ResultsCheck.violations(c)).isEmpty();
                for (Map.Entry<String, String> t : ROWS.entrySet()) {
                    List<String> expected = reference.strings(t.getValue() + " ORDER BY 1");
                    assertThat(expected).as(t.getKey()).isNotEmpty();
                    assertThat(ResultsCheck.strings(c, t.getValue() + " ORDER BY 1"))
                            .as("%s equals the uninterrupted run", t.getKey()).containsExactlyElementsOf(expected);
                }
            }
        }
    }

    @Test
    void stoppedForGoodEndsWithExit5AndOneLine(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(PrivatePostgres.available(), "needs PostgreSQL binaries for a private server");
        Path spec = tmp.resolve("regions-outage.yaml");
        Files.writeString(spec, SPEC);
        Path log = tmp.resolve("outage.log");
        try (PrivatePostgres pg = PrivatePostgres.start(tmp)) {
            Process run = LosslabProcess.start(pg.url(), "postgres", log, Map.of("LOSSLAB_THREADS", "1",
                    "JAVA_TOOL_OPTIONS", "-Dlosslab.pool.timeout-seconds=2 -Dlosslab.db.retry-seconds=5"),
                    "run", spec.toString());
            waitFor(pg, run, log, "SELECT count(*) FROM region_network_epoch", 2);
            long logged = Files.readString(log).lines().count();
            pg.stop();
            long stoppedAt = System.nanoTime();
            boolean ended = run.waitFor(60, TimeUnit.SECONDS);
            double took = (System.nanoTime() - stoppedAt) / 1e9;
            String out = Files.readString(log);
            List<String> after = out.lines().skip(logged).toList();
            System.out.printf("server stopped for good: process gave up %.1f s after the stop, %d lines after it:%n%s%n",
                    took, after.size(), String.join("\n", after));
            assertThat(ended).as("gives up while the server is down; log:%n%s", out).isTrue();
            assertThat(run.exitValue()).as("exit 5; log:%n%s", out).isEqualTo(5);
            assertThat(after.stream().filter(l -> l.startsWith("losslab: ")).toList()).as("one verdict line").hasSize(1);
            assertThat(after).as("no stack trace").noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by"));
            assertThat(took).as("budget 5 s, then bounded bookkeeping").isLessThan(30);
        }
    }

    /** Waits until {@code sql} on the private server counts at least {@code rows}. */
    private static void waitFor(PrivatePostgres pg, Process p, Path log, String sql, long rows) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("losslab exited early (" + p.exitValue() + "): " + Files.readString(log));
            }
            try (Connection c = DriverManager.getConnection(pg.url(), "postgres", "")) {
                if (ResultsCheck.scalar(c, sql) >= rows) {
                    return;
                }
            } catch (SQLException notYet) {
                // schema not migrated yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no progress: " + Files.readString(log));
    }
}
