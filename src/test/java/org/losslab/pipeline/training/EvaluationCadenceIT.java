package org.losslab.pipeline.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.spec.JobSpec;
import org.losslab.support.LosslabProcess;
import org.losslab.support.ReferenceTraining;
import org.losslab.support.TestDatabase;
import org.losslab.training.EpochResult;
import org.losslab.training.PreparedData;
import org.losslab.training.batched.BatchedTrainer;

/**
 * The evaluation cadence end to end (issue #15 item 2): {@code losslab run} with
 * {@code training.evaluate_train_every: 3} over 7 epochs is SIGKILLed inside the transaction of epoch 5
 * (committed: epochs 1–4, the last of them without a training-loss evaluation) and restarted. The
 * metric rows must have gaps exactly at epochs 1, 2, 4, 5, every value must equal uninterrupted
 * training's bit for bit, and v_runs' final values must be the exact losses after epoch 7.
 */
class EvaluationCadenceIT {

    static final List<String> SETS = List.of("name=qs-cadence", "training.hidden_widths=[25]", "training.restarts=2",
            "training.epochs=7", "training.block_size=2", "training.trainer=batched", "training.evaluate_train_every=3",
            "theory=null", "spinglass=null", "cells=null", "regions=null");

    @Test
    void killedRunResumesAcrossASkippedEvaluation(@TempDir Path tmp) throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            Path log = tmp.resolve("losslab.log");
            List<String> run = new ArrayList<>(List.of("run", "jobs/quickstart.yaml"));
            SETS.forEach(s -> run.addAll(List.of("--set", s)));
            // each epoch of the block writes two checkpoints: the 9th is restart 0's of epoch 5
            killInsideCheckpoint(db, tmp, log, 9, run.toArray(String[]::new));
            assertThat(strings(db, "SELECT epoch || ':' || (train_loss IS NULL) FROM epoch_metric GROUP BY 1 ORDER BY 1"))
                    .as("committed before the kill").containsExactly("1:true", "2:true", "3:false", "4:true");

            assertThat(LosslabProcess.run(db, log, Map.of(), "restart", "--last")).as("restart; log: %s",
                    Files.readString(log)).isZero();

            JobSpec spec = JobSpec.load(Path.of("jobs/quickstart.yaml"), SETS);
            PreparedData data = ReferenceTraining.data(spec);
            List<String> expected = new ArrayList<>();
            try (BatchedTrainer t = new BatchedTrainer(spec.training(), data, spec.seed(), 25, new int[] {0, 1})) {
                for (int e = 0; e < 7; e++) {
                    List<EpochResult> rs = t.trainEpoch();
                    for (int i = 0; i < 2; i++) {
                        EpochResult r = rs.get(i);
                        expected.add(i + " " + r.epoch() + " " + r.trainLoss() + " " + r.trainError() + " "
                                + r.testLoss() + " " + r.testError());
                    }
                }
            }
            assertThat(rows(db, "SELECT restart, epoch, train_loss, train_error, test_loss, test_error"
                    + " FROM epoch_metric JOIN run USING (run_id) ORDER BY epoch, restart"))
                    .as("one row per epoch, gaps where not evaluated, every value as uninterrupted")
                    .containsExactlyElementsOf(expected);
            assertThat(rows(db, "SELECT final_train_loss, final_test_loss FROM v_runs ORDER BY restart"))
                    .as("final values are the exact losses after the last epoch")
                    .containsExactly(lastLosses(expected, 0), lastLosses(expected, 1));
            Map<Integer, String> sha = ReferenceTraining.finalParamsSha256(spec, data, 25);
            assertThat(strings(db, "SELECT params_sha256 FROM v_runs ORDER BY restart"))
                    .containsExactly(sha.get(0), sha.get(1));
        }
    }

    private static String lastLosses(List<String> expected, int restart) {
        String[] f = expected.stream().filter(l -> l.startsWith(restart + " 7 ")).findFirst().orElseThrow().split(" ");
        return f[2] + " " + f[4];
    }

    /** Rows as space-separated Java renderings of their values (doubles exactly, NULL as "null"). */
    static List<String> rows(TestDatabase db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    values.add(String.valueOf(rs.getObject(i)));
                }
                out.add(String.join(" ", values));
            }
        }
        return out;
    }

    static void killInsideCheckpoint(TestDatabase db, Path tmp, Path log, int n, String... args) throws Exception {
        Path signal = tmp.resolve("paused-" + n);
        Process p = LosslabProcess.start(db, log, Map.of("LOSSLAB_FAULTS_ENABLED", "true",
                "LOSSLAB_CHAOS_PAUSE", "checkpoint:" + n, "LOSSLAB_CHAOS_SIGNAL", signal.toString()), args);
        long deadline = System.nanoTime() + 240_000_000_000L;
        while (!Files.exists(signal)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("losslab did not pause at checkpoint #" + n + ": " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        p.destroyForcibly().waitFor();
        assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    }

    static List<String> strings(TestDatabase db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
