package org.losslab.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.support.LosslabProcess;
import org.losslab.support.TestDatabase;

/**
 * Issue #18 item 1: an outage can leave the execution UNKNOWN with a partition still STARTED and the
 * owner's heartbeat stale. The first {@code losslab restart} must repair both and complete (it used to
 * answer "already running" with exit 4 and only a second restart worked). The state is fabricated from
 * a finished run: execution and manager step UNKNOWN, one partition STARTED, a heartbeat an hour old from a host that is gone.
 */
class RestartAfterOutageIT {

    @Test
    void firstRestartRepairsUnknownExecutionAndStartedPartition(@TempDir Path tmp) throws Exception {
        try (TestDatabase db = TestDatabase.create(); Connection c = ResultsCheck.connect(db.url())) {
            Path log = tmp.resolve("losslab.log");
            Map<String, String> env = Map.of("LOSSLAB_THREADS", "2");
            int first = LosslabProcess.run(db, log, env, ResultsCheck.runArgs(DatabaseOutageIT.SETS));
            assertThat(first).as("first run; log:%n%s", Files.readString(log)).isZero();
            Map<String, String> reference = ResultsCheck.finalParams(c);

            try (Statement s = c.createStatement()) {
                s.execute("UPDATE batch_job_execution SET status = 'UNKNOWN', exit_code = 'UNKNOWN', end_time = NULL");
                long partition = ResultsCheck.scalar(c, "SELECT max(step_execution_id) FROM batch_step_execution "
                        + "WHERE step_name LIKE '%:%'");
                s.execute("UPDATE batch_step_execution SET status = 'UNKNOWN', exit_code = 'UNKNOWN', end_time = NULL "
                        + "WHERE step_execution_id = (SELECT max(step_execution_id) FROM batch_step_execution "
                        + "WHERE step_name NOT LIKE '%:%' AND step_execution_id < " + partition + ")");
                s.execute("UPDATE batch_step_execution SET status = 'STARTED', exit_code = 'EXECUTING', end_time = NULL "
                        + "WHERE step_execution_id = " + partition);
                s.execute("INSERT INTO heartbeat (job_execution_id, host, pid, beat_at) SELECT job_execution_id, "
                        + "'a-host-that-is-gone', 4242, now() - interval '1 hour' FROM batch_job_execution "
                        + "ON CONFLICT (job_execution_id) DO UPDATE SET host = EXCLUDED.host, pid = EXCLUDED.pid, "
                        + "beat_at = EXCLUDED.beat_at");
            }

            Files.writeString(log, "");
            int exit = LosslabProcess.run(db, log, env, "restart", "--last");
            String out = Files.readString(log);
            assertThat(exit).as("the first restart completes; log:%n%s", out).isZero();
            assertThat(out).doesNotContain("already running");
            assertThat(ResultsCheck.violations(c)).isEmpty();
            assertThat(ResultsCheck.scalar(c, "SELECT count(*) FROM batch_step_execution WHERE status IN "
                    + "('STARTING', 'STARTED', 'STOPPING', 'UNKNOWN')")).as("nothing left running or unknown").isZero();
            assertThat(ResultsCheck.scalar(c, "SELECT count(*) FROM epoch_metric")).isEqualTo(8);
            assertThat(ResultsCheck.finalParams(c)).isEqualTo(reference);
            // the restart's own heartbeat goes when it ends; the crashed owner's row stays as the trace of the crash
            assertThat(ResultsCheck.scalar(c, "SELECT count(*) FROM heartbeat WHERE host <> 'a-host-that-is-gone'"))
                    .as("heartbeat of the restart removed at its end").isZero();
        }
    }
}
