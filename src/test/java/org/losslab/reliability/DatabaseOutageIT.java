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
 * proxy that resets every connection and refuses new ones:
 * <ol>
 *   <li>a short outage (a server restart): the running steps fail cleanly, the pool of the same
 *       process recovers and records the execution FAILED, exit 1;
 *   <li>a long outage (longer than the pool's connection timeout) during the restart: the process
 *       gives up with a one-line message and exit 5 instead of hanging;
 * </ol>
 * at every instant of both outages the committed results satisfy every invariant (nothing
 * half-written), and {@code losslab restart --last} completes the job with final parameters equal
 * to uninterrupted training and exactly one metric row per epoch.
 */
class DatabaseOutageIT {

    static final List<String> SETS = List.of("training.trainer=dl4j", "theory=null", "spinglass=null", "cells=null", "regions=null", "enumeration=null", "name=outage", "data.holdout=8000", "training.hidden_widths=[25]", "training.restarts=2",
            "training.epochs=4", "training.block_size=1");

    @Test
    void jobSurvivesServerRestartAndLongOutage(@TempDir Path tmp) throws Exception {
        try (TestDatabase db = TestDatabase.create(); TcpProxy proxy = TcpProxy.forUrl(db.url());
             Connection direct = ResultsCheck.connect(db.url())) {
            Path log = tmp.resolve("losslab.log");
            // the pool waits 3 s (instead of 10) for a connection before a statement fails: a shorter test
            Map<String, String> env = Map.of("LOSSLAB_DB_URL", proxy.route(db.url()), "LOSSLAB_THREADS", "2",
                    "JAVA_TOOL_OPTIONS", "-Dlosslab.pool.timeout-seconds=3");

            // 1. a server restart in the middle of training
            Process run = LosslabProcess.start(db, log, env, ResultsCheck.runArgs(SETS));
            waitForEpochs(direct, run, 2, log);
            proxy.cut();
            long cutAt = System.nanoTime();
            assertThat(ResultsCheck.violations(direct)).as("during the outage").isEmpty();
            Thread.sleep(1500); // a quick restart: shorter than the pool timeout
            proxy.restore();
            assertThat(run.waitFor(90, TimeUnit.SECONDS)).as("process ends after the outage; log: %s", log).isTrue();
            String out = Files.readString(log);
            assertThat(run.exitValue()).as("a step failed cleanly: exit 1; log:%n%s", out).isEqualTo(1);
            // the chunk whose connection dropped ended "in an unknown state": Spring Batch records UNKNOWN
            // (which it would never restart; losslab's restart resolves it, see UnknownStatusRecovery)
            assertThat(ResultsCheck.strings(direct, "SELECT status FROM batch_job_execution"))
                    .as("the same process recorded the end once its pool reconnected").containsExactly("UNKNOWN");
            assertThat(ResultsCheck.violations(direct)).isEmpty();
            System.out.printf("outage 1: process ended %.1f s after the cut%n", (System.nanoTime() - cutAt) / 1e9);

            // 2. a long outage during the restart: the process gives up, one line, exit 5
            Files.writeString(log, "");
            run = LosslabProcess.start(db, log, env, "restart", "--last");
            long before = ResultsCheck.scalar(direct, "SELECT count(*) FROM epoch_metric");
            waitForEpochs(direct, run, before + 1, log);
            proxy.cut();
            cutAt = System.nanoTime();
            boolean ended = run.waitFor(60, TimeUnit.SECONDS);
            double took = (System.nanoTime() - cutAt) / 1e9;
            assertThat(ResultsCheck.violations(direct)).as("during the outage").isEmpty();
            proxy.restore();
            out = Files.readString(log);
            assertThat(ended).as("gives up while the database is still unreachable; log:%n%s", out).isTrue();
            assertThat(run.exitValue()).as("exit 5; log:%n%s", out).isEqualTo(5);
            assertThat(out.lines().filter(l -> l.startsWith("losslab: ")).toList()).hasSize(1);
            System.out.printf("outage 2: process gave up %.1f s after the cut%n", took);

            // 3. the database is back: restart completes, bit-identical, no duplicates
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
                    "JAVA_TOOL_OPTIONS", "-Dlosslab.pool.timeout-seconds=3 -Dlosslab.db.socket-timeout-seconds=5");
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
