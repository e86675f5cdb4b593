package org.losslab.pipeline.regions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.support.LosslabProcess;
import org.losslab.support.TestDatabase;

/**
 * Restart of a killed sampling step (issue 3; science.md §C.4), for real: {@code losslab run} of a
 * regions-only spec is frozen inside a sample-activations transaction (the checkpoint row written,
 * not committed: {@code LOSSLAB_CHAOS_PAUSE=sample-activations:n}) and SIGKILLed, twice (the second
 * time during {@code restart --last}), then {@code restart --last} completes it. Every region table
 * and view must equal an uninterrupted run of the same spec in another database (run with two
 * partition threads instead of one): the same statistics, nothing missing, no duplicate rows, and no
 * sampling partition completed twice.
 */
public class RegionsKillNineRestartIT {

    static final String SPEC = """
            name: rg-kill
            seed: 20210101
            data: {dir: data/mnist-10k, holdout: 2000}
            regions:
              architectures: [mlp]
              mlp_widths: [16, 16]
              activations: [relu, hardtanh]
              states: [random]
              inputs: [mnist, gaussian]
              input_count: 300
              census_train_count: 100
              batch_size: 50
              kde_points: 21
            """;

    /** Rows of every region table and view as canonical text (JSON), without database-specific ids. */
    static final Map<String, String> ROWS = new LinkedHashMap<>();

    static {
        String strip = " - 'experiment_id' - 'step_execution_id' - 'params' - 'updater_state'";
        for (String t : List.of("region_network", "region_network_epoch", "region_sample", "region_stat", "region_kde",
                "region_joint", "region_joint_neuron", "region_census", "region_pattern_size", "v_region_stats", "v_region_kde",
                "v_region_joint", "v_region_networks")) {
            ROWS.put(t, "SELECT (to_jsonb(t)" + strip + ")::text FROM " + t + " t");
        }
    }

    /** Natural key of each table: its rows must be unique on it. */
    static final Map<String, String> KEYS = Map.of(
            "region_sample", "network_key, input_set",
            "region_stat", "network_key, input_set, layer, averaging, piece",
            "region_kde", "network_key, input_set, layer, averaging, piece, point",
            "region_joint", "network_key, input_set, layer, unit",
            "region_joint_neuron", "network_key, input_set, layer, k2, k3",
            "region_census", "network_key, input_set, layer",
            "region_pattern_size", "network_key, input_set, layer, data_per_pattern");

    @Test
    void killedSamplingResumesToTheUninterruptedStatistics(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("rg-kill.yaml");
        Files.writeString(spec, SPEC);
        Path log = tmp.resolve("killed.log");
        try (TestDatabase killed = TestDatabase.create(); TestDatabase reference = TestDatabase.create()) {
            Path refLog = tmp.resolve("reference.log");
            Process uninterrupted = LosslabProcess.start(reference, refLog, Map.of("LOSSLAB_THREADS", "2"), "run",
                    spec.toString()); // meanwhile, in its own database
            try {
                killTwiceAndRestart(killed, tmp, spec, log);
                assertThat(uninterrupted.waitFor(10, TimeUnit.MINUTES)).as("reference finished").isTrue();
                assertThat(uninterrupted.exitValue()).as("uninterrupted run; log: %s", Files.readString(refLog)).isZero();
            } finally {
                uninterrupted.destroyForcibly().waitFor();
            }
            assertEqualResults(killed, reference);
        }
    }

    /** SIGKILL inside the 3rd sampling transaction of run, then inside the 9th of restart; restart to the end. */
    static void killTwiceAndRestart(TestDatabase killed, Path tmp, Path spec, Path log) throws Exception {
        LosslabProcess.killAt(killed, tmp, log, "sample-activations", 3, "run", spec.toString());
        assertThat(progress(killed)).as("first kill: 2 batches of 50 committed, the third rolled back")
                .singleElement().asString().startsWith("100/300 train 0/").endsWith("unfinished");
        LosslabProcess.killAt(killed, tmp, log, "sample-activations", 9, "restart", "--last");
        assertThat(progress(killed)).as("second kill").anyMatch(p -> p.endsWith("unfinished"));
        assertThat(killed.strings("SELECT sum(next_row + train_next_row)::text FROM region_sample"))
                .as("8 more batches of 50 committed, the 9th rolled back").containsExactly("500");
        assertThat(LosslabProcess.run(killed, log, Map.of("LOSSLAB_THREADS", "1"), "restart", "--last"))
                .as("restart exit code; log: %s", Files.readString(log)).isZero();
    }

    static void assertEqualResults(TestDatabase killed, TestDatabase reference) throws Exception {
        assertThat(progress(killed)).hasSize(4).allMatch(p -> p.endsWith(" finished"));
        for (Map.Entry<String, String> t : ROWS.entrySet()) {
            List<String> expected = reference.strings(t.getValue() + " ORDER BY 1");
            if (!t.getKey().equals("region_network_epoch")) {
                assertThat(expected).as(t.getKey()).isNotEmpty();
            }
            assertThat(killed.strings(t.getValue() + " ORDER BY 1")).as("%s equals the uninterrupted run", t.getKey())
                    .containsExactlyElementsOf(expected);
        }
        for (Map.Entry<String, String> k : KEYS.entrySet()) {
            assertThat(killed.strings("SELECT " + k.getValue() + " FROM " + k.getKey() + " GROUP BY " + k.getValue()
                    + " HAVING count(*) > 1")).as("duplicates in %s", k.getKey()).isEmpty();
        }
        assertThat(killed.strings("""
                SELECT step_name FROM batch_step_execution WHERE status = 'COMPLETED'
                AND step_name LIKE 'sample-activations-part:%' GROUP BY step_name HAVING count(*) > 1"""))
                .as("no sampling partition completed twice").isEmpty();
        assertThat(killed.strings("SELECT DISTINCT job_execution_id::text FROM batch_step_execution WHERE "
                + "step_name LIKE 'sample-activations-part:%'")).as("sampling ran in all three executions").hasSize(3);
    }



    /** Committed sampling progress per partition, in network and input-set order. */
    static List<String> progress(TestDatabase db) throws Exception {
        return db.strings("SELECT next_row || '/' || rows_total || ' train ' || train_next_row || '/' "
                + "|| train_rows_total || CASE WHEN finished THEN ' finished' ELSE ' unfinished' END FROM region_sample "
                + "ORDER BY network_key, input_set");
    }

}
