package org.losslab.pipeline.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.spec.JobSpec;
import org.losslab.support.LosslabProcess;
import org.losslab.support.ReferenceTraining;
import org.losslab.support.TestDatabase;
import org.losslab.training.PreparedData;

/**
 * The promise of losslab, tested for real: {@code losslab run} is stopped with SIGTERM (exit 3,
 * execution STOPPED), restarted, SIGKILLed in the middle of training, restarted again with
 * {@code losslab restart --last}; every run ends with the same final parameters (SHA-256) as
 * uninterrupted training, with exactly one metric row per epoch.
 */
class KillNineRestartIT {

    static final List<String> SETS = List.of("name=qs-kill", "training.restarts=2", "training.epochs=4",
            "training.block_size=1", "training.trainer=dl4j", "theory=null", "spinglass=null", "cells=null", "regions=null", "enumeration=null");

    @Test
    void killedRunResumesBitIdentically(@TempDir Path tmp) throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            Path log = tmp.resolve("losslab.log");
            List<String> args = new java.util.ArrayList<>(List.of("run", "jobs/quickstart.yaml"));
            SETS.forEach(s -> args.addAll(List.of("--set", s)));
            Process run = LosslabProcess.start(db, log, Map.of(), args.toArray(String[]::new));
            waitForEpochRows(db, run, 2, log);
            run.destroy();
            assertThat(run.waitFor()).as("SIGTERM stops gracefully; log: %s", log).isEqualTo(3);
            assertThat(scalar(db, "SELECT count(*) FROM batch_job_execution WHERE status = 'STOPPED'")).isEqualTo(1);

            // another OpenBLAS kernel would continue, but not bit-identically: refused when the operator asks for that
            long rowsStopped = scalar(db, "SELECT count(*) FROM epoch_metric");
            String otherKernel = org.losslab.training.BlasKernel.current().equals("Prescott") ? "Sandybridge" : "Prescott";
            Path refusedLog = tmp.resolve("refused.log");
            assertThat(LosslabProcess.run(db, refusedLog, Map.of("OPENBLAS_CORETYPE", otherKernel), "restart", "--last",
                    "--require-same-numerics")).as("log: %s", refusedLog).isEqualTo(2);
            assertThat(Files.readString(refusedLog)).contains("--require-same-numerics: this process runs OpenBLAS kernel "
                    + otherKernel);
            assertThat(scalar(db, "SELECT count(*) FROM batch_job_execution WHERE status = 'STOPPED'")).isEqualTo(1);
            assertThat(scalar(db, "SELECT count(*) FROM batch_job_execution")).isEqualTo(1);
            assertThat(scalar(db, "SELECT count(*) FROM epoch_metric")).isEqualTo(rowsStopped);

            run = LosslabProcess.start(db, log, Map.of(), "restart", "--last", "--require-same-numerics");
            waitForEpochRows(db, run, scalar(db, "SELECT count(*) FROM epoch_metric") + 2, log);
            run.destroyForcibly().waitFor();
            assertThat(run.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            long doneBeforeRestart = scalar(db, "SELECT count(*) FROM epoch_metric");
            assertThat(doneBeforeRestart).isLessThan(16);

            int exit = LosslabProcess.run(db, log, Map.of(), "restart", "--last");
            assertThat(exit).as("restart exit code; log: %s", Files.readString(log)).isZero();

            assertThat(scalar(db, "SELECT count(*) FROM epoch_metric")).isEqualTo(16);
            assertThat(scalar(db, "SELECT count(*) FROM v_runs WHERE status = 'COMPLETED'")).isEqualTo(4);
            JobSpec spec = JobSpec.load(Path.of("jobs/quickstart.yaml"), SETS);
            PreparedData data = ReferenceTraining.data(spec);
            Map<String, String> actual = new HashMap<>();
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT widths[2], restart, params_sha256 FROM v_runs")) {
                while (rs.next()) {
                    actual.put(rs.getInt(1) + "/" + rs.getInt(2), rs.getString(3));
                }
            }
            for (int width : spec.training().hiddenWidths()) {
                Map<Integer, String> expected = ReferenceTraining.finalParamsSha256(spec, data, width);
                for (int r = 0; r < 2; r++) {
                    assertThat(actual.get(width + "/" + r)).as("width %d restart %d", width, r).isEqualTo(expected.get(r));
                }
            }
        }
    }

    static void waitForEpochRows(TestDatabase db, Process p, long rows, Path log) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("losslab exited early: " + Files.readString(log));
            }
            try {
                if (scalar(db, "SELECT count(*) FROM epoch_metric") >= rows) {
                    return;
                }
            } catch (java.sql.SQLException schemaNotYetThere) {
                // Flyway has not created the tables yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no training progress within 5 minutes: " + Files.readString(log));
    }

    static long scalar(TestDatabase db, String sql) throws java.sql.SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
