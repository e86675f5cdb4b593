package org.losslab.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.support.LosslabProcess;
import org.losslab.support.TestDatabase;

/**
 * PostgreSQL (a server) goes away in the middle of a job, simulated deterministically by a TCP
 * proxy that resets every connection and refuses new ones (issue #18 items 6 and 7):
 * <ol>
 *   <li>short outages (a 4 s cut, then the connection dropped five times in 3 s): the running chunks roll back
 *       and are retried inside their steps; the job completes without a restart, with final parameters equal to
 *       uninterrupted training and one metric row per epoch;
 *   <li>an outage longer than the retry budget (5 s here, {@code losslab.db.retry-seconds}): the process gives up
 *       with exit 5 and one line, no stack trace, within seconds of the budget; {@code losslab restart --last}
 *       completes the job bit-identically once the database is back;
 * </ol>
 * at every instant the committed results satisfy every invariant (nothing half-written).
 */
class DatabaseOutageIT {

    static final List<String> SETS = List.of("training.trainer=dl4j", "theory=null", "spinglass=null", "cells=null", "regions=null", "enumeration=null", "hessian=null", "name=outage", "data.holdout=8000", "training.hidden_widths=[25]", "training.restarts=2",
            "training.epochs=4", "training.block_size=1");
    /** Twice the epochs: time for two outages inside training. */
    static final List<String> LONGER = List.of("training.trainer=dl4j", "theory=null", "spinglass=null", "cells=null", "regions=null", "enumeration=null", "hessian=null", "name=outage-retry", "data.holdout=8000", "training.hidden_widths=[25]", "training.restarts=2",
            "training.epochs=10", "training.block_size=1");

    @Test
    void shortOutagesAreRetriedInsideTheStep(@TempDir Path tmp) throws Exception {
        try (TestDatabase db = TestDatabase.create(); TcpProxy proxy = TcpProxy.forUrl(db.url());
             Connection direct = ResultsCheck.connect(db.url())) {
            Path log = tmp.resolve("losslab.log");
            Map<String, String> env = Map.of("LOSSLAB_DB_URL", proxy.route(db.url()), "LOSSLAB_THREADS", "2",
                    "JAVA_TOOL_OPTIONS", "-Dlosslab.pool.timeout-seconds=3");
            Process run = LosslabProcess.start(db, log, env, ResultsCheck.runArgs(LONGER));
            waitForEpochs(direct, run, 2, log);
            proxy.cut();
            assertThat(ResultsCheck.violations(direct)).as("during the outage").isEmpty();
            Thread.sleep(4000);
            proxy.restore();
            long afterCut = ResultsCheck.scalar(direct, "SELECT count(*) FROM epoch_metric");
            waitForEpochs(direct, run, afterCut + 2, log);
            for (int i = 0; i < 5; i++) { // the connection drops again and again, 300 ms apart
                proxy.cut();
                Thread.sleep(300);
                proxy.restore();
                Thread.sleep(300);
            }
            assertThat(run.waitFor(180, TimeUnit.SECONDS)).as("process ends; log: %s", log).isTrue();
            String out = Files.readString(log);
            assertThat(run.exitValue()).as("the job completed without a restart; log:%n%s", out).isZero();
            assertThat(out.lines().filter(l -> l.contains("transient database error")).count())
                    .as("retries logged, one line each; log:%n%s", out).isPositive();
            assertThat(out).as("no stack trace").doesNotContain("\tat org.", "Caused by:");
            assertThat(ResultsCheck.strings(direct, "SELECT status FROM batch_job_execution"))
                    .as("one execution, completed in one go").containsExactly("COMPLETED");
            assertThat(ResultsCheck.violations(direct)).isEmpty();
            assertThat(ResultsCheck.scalar(direct, "SELECT count(*) FROM epoch_metric")).isEqualTo(20);
            assertThat(ResultsCheck.scalar(direct, "SELECT count(*) FROM run WHERE status = 'COMPLETED'")).isEqualTo(2);
            assertThat(ResultsCheck.finalParams(direct)).isEqualTo(ResultsCheck.reference(ResultsCheck.spec(LONGER)));
        }
    }

    @Test
    void outageLongerThanTheBudgetEndsWithExit5AndOneLine(@TempDir Path tmp) throws Exception {
        try (TestDatabase db = TestDatabase.create(); TcpProxy proxy = TcpProxy.forUrl(db.url());
             Connection direct = ResultsCheck.connect(db.url())) {
            Path log = tmp.resolve("losslab.log");
            Map<String, String> env = Map.of("LOSSLAB_DB_URL", proxy.route(db.url()), "LOSSLAB_THREADS", "2",
                    "JAVA_TOOL_OPTIONS", "-Dlosslab.pool.timeout-seconds=2 -Dlosslab.db.retry-seconds=5");
            Process run = LosslabProcess.start(db, log, env, ResultsCheck.runArgs(SETS));
            waitForEpochs(direct, run, 2, log);
            long logged = Files.readString(log).lines().count();
            proxy.cut();
            long cutAt = System.nanoTime();
            boolean ended = run.waitFor(60, TimeUnit.SECONDS);
            double took = (System.nanoTime() - cutAt) / 1e9;
            assertThat(ResultsCheck.violations(direct)).as("during the outage").isEmpty();
            String out = Files.readString(log);
            List<String> after = out.lines().skip(logged).toList();
            System.out.printf("long outage: process gave up %.1f s after the cut, %d lines after it:%n%s%n", took,
                    after.size(), String.join("\n", after));
            assertThat(ended).as("gives up while the database is still unreachable; log:%n%s", out).isTrue();
            assertThat(run.exitValue()).as("exit 5; log:%n%s", out).isEqualTo(5);
            assertThat(out.lines().filter(l -> l.startsWith("losslab: ")).toList()).as("one verdict line").hasSize(1);
            assertThat(after).as("no stack trace").noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by"));
            assertThat(took).as("budget 5 s, then bounded bookkeeping").isLessThan(30);
            proxy.restore();

            Files.writeString(log, "");
            int exit = LosslabProcess.run(db, log, env, "restart", "--last");
            assertThat(exit).as("restart; log:%n%s", Files.readString(log)).isZero();
            assertThat(ResultsCheck.violations(direct)).isEmpty();
            assertThat(ResultsCheck.scalar(direct, "SELECT count(*) FROM epoch_metric")).isEqualTo(8);
            assertThat(ResultsCheck.scalar(direct, "SELECT count(*) FROM run WHERE status = 'COMPLETED'")).isEqualTo(2);
            assertThat(ResultsCheck.finalParams(direct)).isEqualTo(ResultsCheck.reference(ResultsCheck.spec(SETS)));
        }
    }

    /**
     * A silent partition (the proxy holds every byte, no reset): without a socket timeout the running
     * statements would wait for ever. With it (5 s here, 600 s by default) the process ends on its own,
     * nothing half-written is visible, and restart completes bit-identically.
     */
    @Test
    void silentPartitionEndsTheProcessInsteadOfHangingIt(@TempDir Path tmp) throws Exception {
        try (TestDatabase db = TestDatabase.create(); TcpProxy proxy = TcpProxy.forUrl(db.url());
             Connection direct = ResultsCheck.connect(db.url())) {
            Path log = tmp.resolve("losslab.log");
            Map<String, String> env = Map.of("LOSSLAB_DB_URL", proxy.route(db.url()), "LOSSLAB_THREADS", "2",
                    "JAVA_TOOL_OPTIONS", "-Dlosslab.pool.timeout-seconds=3 -Dlosslab.db.socket-timeout-seconds=5 "
                            + "-Dlosslab.db.retry-seconds=5");
            Process run = LosslabProcess.start(db, log, env, ResultsCheck.runArgs(SETS));
            waitForEpochs(direct, run, 2, log);
            proxy.freeze();
            long frozenAt = System.nanoTime();
            boolean ended = run.waitFor(90, TimeUnit.SECONDS);
            double took = (System.nanoTime() - frozenAt) / 1e9;
            assertThat(ResultsCheck.violations(direct)).as("during the partition").isEmpty();
            String out = Files.readString(log);
            assertThat(ended).as("the process ends by itself; log:%n%s", out).isTrue();
            assertThat(run.exitValue()).as("a failed step (1) or a lost database (5); log:%n%s", out).isIn(1, 5);
            System.out.printf("silent partition: process ended %.1f s after the freeze, exit %d%n", took, run.exitValue());
            proxy.thaw();
            proxy.cut();
            proxy.restore();

            Files.writeString(log, "");
            int exit = LosslabProcess.run(db, log, env, "restart", "--last");
            assertThat(exit).as("restart; log:%n%s", Files.readString(log)).isZero();
            assertThat(ResultsCheck.violations(direct)).isEmpty();
            assertThat(ResultsCheck.scalar(direct, "SELECT count(*) FROM epoch_metric")).isEqualTo(8);
            assertThat(ResultsCheck.finalParams(direct)).isEqualTo(ResultsCheck.reference(ResultsCheck.spec(SETS)));
        }
    }

    static void waitForEpochs(Connection c, Process p, long rows, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("losslab exited early (" + p.exitValue() + "): " + Files.readString(log));
            }
            try {
                if (ResultsCheck.scalar(c, "SELECT count(*) FROM epoch_metric") >= rows) {
                    return;
                }
            } catch (java.sql.SQLException notYetMigrated) {
                // tables not there yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no training progress: " + Files.readString(log));
    }
}
