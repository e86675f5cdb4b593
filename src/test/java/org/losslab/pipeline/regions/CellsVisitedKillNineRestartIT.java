package org.losslab.pipeline.regions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.support.LosslabProcess;
import org.losslab.support.TestDatabase;

/**
 * Restart of killed region-network training with its cell census (issue 20 item 3; science.md §C.4.1): {@code losslab
 * run} is frozen inside the 2nd region-networks transaction (epoch 2 of the first network: checkpoint and census
 * written, not committed) and SIGKILLed, then inside the 3rd transaction of {@code restart --last}, then restarted to
 * the end. The census (v_cells_visited, its table and the tracker's state bytes), the epoch losses and the final
 * parameters must equal an uninterrupted run of the same spec in another database. The same for the census of
 * sampled SGD runs of the training stage ({@code training.cells_visited}), killed at the epochs' checkpoints.
 */
class CellsVisitedKillNineRestartIT {

    static final String SPEC = """
            name: cells-kill
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
              train_epochs: 4
              train_count: 600
              visited_count: 200
            """;

    static final Map<String, String> ROWS = Map.of(
            "v_cells_visited", "SELECT (to_jsonb(t) - 'experiment_id')::text FROM v_cells_visited t",
            "region_cells_visited", "SELECT (to_jsonb(t) - 'experiment_id' - 'step_execution_id')::text "
                    + "FROM region_cells_visited t",
            "region_cells_state", "SELECT network_key || ' ' || epoch || ' ' || md5(state) FROM region_cells_state",
            "region_network_epoch", "SELECT network_key || ' ' || epoch || ' ' || train_loss FROM region_network_epoch",
            "region_network", "SELECT network_key || ' ' || epochs_done || ' ' || params_sha256 || ' ' || test_accuracy "
                    + "FROM region_network");

    /** Checks on a database, e.g. of what the first kill left committed. */
    interface DatabaseCheck {
        void check(TestDatabase db) throws Exception;
    }

    @Test
    void killedTrainingResumesToTheUninterruptedCensus(@TempDir Path tmp) throws Exception {
        resumesToTheUninterrupted(tmp, SPEC, "region-networks", 2, 3, ROWS, killed ->
                assertThat(killed.strings("SELECT network_key || ' ' || epoch || ' ' || layer_no FROM "
                        + "region_cells_visited ORDER BY 1")).as("first kill: epochs 0 and 1 of one network committed")
                        .hasSize(4).allMatch(s -> s.contains(" 0 ") || s.contains(" 1 ")), reference -> {
                    assertThat(reference.strings("SELECT count(*)::text FROM v_cells_visited"))
                            .as("2 networks x 5 epochs (0-4) x 2 layers").containsExactly("20");
                    assertThat(reference.strings("SELECT count(DISTINCT new_patterns)::text FROM region_cells_visited "
                            + "WHERE epoch > 0")).as("the census measures something that changes")
                            .doesNotContain("0", "1");
                });
    }

    /** The census of sampled training runs (training.cells_visited), killed inside two epoch transactions. */
    static final String TRAINING_SPEC = """
            name: run-cells-kill
            seed: 20261205
            data: {dir: data/mnist-10k, holdout: 2000, downsample: 10}
            training:
              hidden_widths: [25]
              restarts: 3
              epochs: 4
              learning_rate: 0.1
              block_size: 3
              trainer: batched
              cells_visited: {runs: 2, subset: 300}
            """;

    static final Map<String, String> TRAINING_ROWS = Map.of(
            "v_cells_visited", "SELECT (to_jsonb(t) - 'experiment_id')::text FROM v_cells_visited t",
            "run_cells_visited", "SELECT r.restart || ' ' || (to_jsonb(c) - 'run_id' - 'step_execution_id')::text "
                    + "FROM run_cells_visited c JOIN run r USING (run_id)",
            "run_cells_state", "SELECT r.restart || ' ' || s.epoch || ' ' || md5(s.state) FROM run_cells_state s "
                    + "JOIN run r USING (run_id)",
            "epoch_metric", "SELECT r.restart || ' ' || m.epoch || ' ' || m.train_loss || ' ' || m.test_loss "
                    + "FROM epoch_metric m JOIN run r USING (run_id)",
            "v_runs", "SELECT restart || ' ' || status || ' ' || params_sha256 FROM v_runs");

    @Test
    void killedSgdTrainingResumesToTheUninterruptedCensusOfItsSampledRuns(@TempDir Path tmp) throws Exception {
        // a chunk trains epoch e of the block's 3 runs: checkpoint #4 is in epoch 2; after the restart #5 in epoch 3
        resumesToTheUninterrupted(tmp, TRAINING_SPEC, "checkpoint", 4, 5, TRAINING_ROWS, killed ->
                assertThat(killed.strings("SELECT r.restart || ' ' || c.epoch FROM run_cells_visited c "
                        + "JOIN run r USING (run_id) ORDER BY 1")).as("first kill: epochs 0 and 1 of 2 runs committed")
                        .hasSize(4).allMatch(s -> s.endsWith(" 0") || s.endsWith(" 1")), reference -> {
                    assertThat(reference.strings("SELECT count(*)::text || ' ' || count(DISTINCT network) FROM "
                            + "v_cells_visited WHERE source = 'training'")).as("2 runs x 5 epochs (0-4) x 1 layer")
                            .containsExactly("10 2");
                    assertThat(reference.strings("SELECT count(DISTINCT rows_changed)::text FROM run_cells_visited "
                            + "WHERE epoch > 0")).as("the census measures something that changes")
                            .doesNotContain("0", "1");
                });
    }

    /**
     * Runs {@code spec} uninterrupted in one database and, in another, kills it at the {@code first}-th pass of chaos
     * point {@code point}, kills {@code restart --last} at the {@code second}-th, restarts to the end, and compares
     * every query of {@code rows} between the two.
     */
    static void resumesToTheUninterrupted(Path tmp, String specText, String point, int first, int second,
                                          Map<String, String> rows, DatabaseCheck afterFirstKill,
                                          DatabaseCheck onReference) throws Exception {
        Path spec = tmp.resolve("spec.yaml");
        Files.writeString(spec, specText);
        Path log = tmp.resolve("killed.log");
        try (TestDatabase killed = TestDatabase.create(); TestDatabase reference = TestDatabase.create()) {
            Path refLog = tmp.resolve("reference.log");
            Process uninterrupted = LosslabProcess.start(reference, refLog, Map.of("LOSSLAB_THREADS", "2"), "run",
                    spec.toString());
            try {
                LosslabProcess.killAt(killed, tmp, log, point, first, "run", spec.toString());
                afterFirstKill.check(killed);
                LosslabProcess.killAt(killed, tmp, log, point, second, "restart", "--last");
                assertThat(LosslabProcess.run(killed, log, Map.of("LOSSLAB_THREADS", "1"), "restart", "--last"))
                        .as("restart exit code; log: %s", Files.readString(log)).isZero();
                assertThat(uninterrupted.waitFor(10, TimeUnit.MINUTES)).as("reference finished").isTrue();
                assertThat(uninterrupted.exitValue()).as("uninterrupted run; log: %s", Files.readString(refLog)).isZero();
            } finally {
                uninterrupted.destroyForcibly().waitFor();
            }
            onReference.check(reference);
            for (Map.Entry<String, String> t : rows.entrySet()) {
                List<String> expected = reference.strings(t.getValue() + " ORDER BY 1");
                assertThat(expected).as(t.getKey()).isNotEmpty();
                assertThat(killed.strings(t.getValue() + " ORDER BY 1")).as("%s equals the uninterrupted run", t.getKey())
                        .containsExactlyElementsOf(expected);
            }
        }
    }
}
