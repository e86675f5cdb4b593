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
import org.losslab.reliability.BadInputCatalogueIT.Run;
import org.losslab.support.LosslabProcess;
import org.losslab.support.TestDatabase;

/**
 * Concurrent launches of one job:
 * <ol>
 *   <li>the same spec launched twice at the same instant: one runs, the other is refused with
 *       exit 4 and a message naming the running execution;
 *   <li>{@code restart} of that execution while its owner's heartbeat is fresh is refused (exit 4);
 *   <li>the owner freezes (SIGSTOP: a GC pause, a suspended VM, a partition) until its heartbeat is
 *       stale; {@code restart} takes over; the old owner then wakes up (SIGCONT) in the middle of its
 *       epoch: it cannot commit anything more (Spring Batch's optimistic locking on the step
 *       executions that the takeover marked FAILED) and exits non-zero, while the new owner
 *       completes with exactly one metric row per epoch and no partition completed twice.
 * </ol>
 */
class ConcurrencyIT {

    static final List<String> SETS = List.of("training.trainer=dl4j", "theory=null", "spinglass=null", "cells=null", "regions=null", "enumeration=null", "name=twice", "data.holdout=8000", "training.hidden_widths=[25]",
            "training.restarts=2", "training.epochs=5", "training.block_size=1");

    @Test
    void oneRunsTheOtherIsRefusedAndATakeoverFencesTheOldOwner(@TempDir Path tmp) throws Exception {
        try (TestDatabase db = TestDatabase.create(); Connection c = ResultsCheck.connect(db.url())) {
            Path logA = tmp.resolve("a.log");
            Path logB = tmp.resolve("b.log");
            Map<String, String> env = Map.of("LOSSLAB_THREADS", "2");
            Process a = LosslabProcess.start(db, logA, env, ResultsCheck.runArgs(SETS));
            Process b = LosslabProcess.start(db, logB, env, ResultsCheck.runArgs(SETS));

            // 1. one of the two is refused
            Process refused = null;
            Path refusedLog = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (refused == null && System.nanoTime() < deadline) {
                if (!a.isAlive()) {
                    refused = a;
                    refusedLog = logA;
                } else if (!b.isAlive()) {
                    refused = b;
                    refusedLog = logB;
                }
                Thread.sleep(100);
            }
            assertThat(refused).as("one launch ends while the other runs").isNotNull();
            Process owner = refused == a ? b : a;
            Path ownerLog = refused == a ? logB : logA;
            String refusal = Files.readString(refusedLog);
            assertThat(refused.exitValue()).as("refused launch; log:%n%s", refusal).isEqualTo(4);
            // whichever moment the second launch reaches: the pre-check, Spring Batch's own check,
            // or a collision while creating the job instance/execution
            assertThat(refusal).containsPattern("losslab: (spec twice is already running as execution 1"
                    + "|job twice is already running|job twice is being launched by another process)");
            assertThat(refusal).doesNotContain("\tat ");
            assertThat(ResultsCheck.scalar(c, "SELECT count(*) FROM batch_job_execution")).isEqualTo(1);

            // 2. a fresh heartbeat: restart refuses
            DatabaseOutageIT.waitForEpochs(c, owner, 2, ownerLog);
            freezeOutsideTransaction(c, owner);
            db.useInProcess();
            // "fresh" = younger than the staleness limit, here 10 minutes (the first Spring start of this
            // JVM on a loaded machine may take longer than the default 30 s while the owner is frozen)
            System.setProperty("LOSSLAB_HEARTBEAT_STALE_SECONDS", "600");
            Run r;
            try {
                r = BadInputCatalogueIT.run("restart", "1");
            } finally {
                System.clearProperty("LOSSLAB_HEARTBEAT_STALE_SECONDS");
            }
            assertThat(r.exit()).as("restart while the owner's heartbeat is fresh; stderr: %s", r.err()).isEqualTo(4);
            assertThat(r.err()).contains("execution 1 is STARTED and still owned by a live process " + owner.pid());

            // 3. stale heartbeat: a takeover, and the old owner can no longer commit
            Path logC = tmp.resolve("c.log");
            Process taker = LosslabProcess.start(db, logC, Map.of("LOSSLAB_THREADS", "2",
                    "LOSSLAB_HEARTBEAT_STALE_SECONDS", "1"), "restart", "1");
            DatabaseOutageIT.waitForEpochs(c, taker, ResultsCheck.scalar(c, "SELECT count(*) FROM epoch_metric") + 1, logC);
            String oldOwnerRows = "SELECT count(*) FROM epoch_metric m JOIN batch_step_execution s USING (step_execution_id)"
                    + " WHERE s.job_execution_id = 1";
            long rowsOfOldOwner = ResultsCheck.scalar(c, oldOwnerRows);
            signal(owner, "CONT");
            assertThat(owner.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(owner.exitValue()).as("the old owner fails; log:%n%s", Files.readString(ownerLog)).isNotZero();
            assertThat(taker.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(taker.exitValue()).as("takeover; log:%n%s", Files.readString(logC)).isZero();

            assertThat(ResultsCheck.scalar(c, oldOwnerRows)).as("the old owner committed nothing after the takeover")
                    .isEqualTo(rowsOfOldOwner);
            assertThat(ResultsCheck.violations(c)).isEmpty();
            assertThat(ResultsCheck.scalar(c, "SELECT count(*) FROM epoch_metric")).isEqualTo(10);
            assertThat(ResultsCheck.scalar(c, "SELECT count(*) FROM run WHERE status = 'COMPLETED'")).isEqualTo(2);
        }
    }

    /** SIGSTOP, at an instant when the process holds no row locks (between its short commits). */
    static void freezeOutsideTransaction(Connection c, Process p) throws Exception {
        for (int i = 0; i < 100; i++) {
            signal(p, "STOP");
            long locks = ResultsCheck.scalar(c, """
                    SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                    WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND l.granted
                      AND l.mode IN ('RowExclusiveLock', 'ExclusiveLock', 'ShareRowExclusiveLock')""");
            if (locks == 0) {
                return;
            }
            signal(p, "CONT");
            Thread.sleep(30);
        }
        throw new AssertionError("could not freeze the process outside a write transaction");
    }

    static void signal(Process p, String sig) throws Exception {
        new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).inheritIO().start().waitFor();
    }
}
