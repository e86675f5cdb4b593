package org.losslab.pipeline.hessian;

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
 * Restart of a killed hessian step (issue 19; science.md §A.6), for real: {@code losslab run} is frozen inside
 * the transaction of the second network's Hessian ({@code LOSSLAB_CHAOS_PAUSE=hessian:2}: its rows written,
 * not committed) and SIGKILLed; {@code restart --last} completes it. The Hessian rows and densities must equal
 * an uninterrupted run of the same spec in another database: the first network kept, the second recomputed
 * from the same seed, nothing duplicated.
 */
class HessianKillNineRestartIT {

    static final String SPEC = """
            name: hs-kill
            seed: 20150101
            data: {dir: data/mnist-10k, holdout: 2000, downsample: 10}
            training: {hidden_widths: [25], restarts: 3, epochs: 1, learning_rate: 0.1, block_size: 3}
            hessian: {runs_per_width: 3, block_size: 3}
            """;

    static final List<String> ROWS = List.of(
            "SELECT (to_jsonb(t) - 'run_id' - 'experiment_id' - 'cpu_seconds')::text FROM v_network_hessian t",
            "SELECT (to_jsonb(t) - 'experiment_id')::text FROM v_network_hessian_density t");

    @Test
    void killedHessianResumesToTheUninterruptedSpectra(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("hs-kill.yaml");
        Files.writeString(spec, SPEC);
        Path log = tmp.resolve("killed.log");
        try (TestDatabase killed = TestDatabase.create(); TestDatabase reference = TestDatabase.create()) {
            Path refLog = tmp.resolve("reference.log");
            Process uninterrupted = LosslabProcess.start(reference, refLog, Map.of("LOSSLAB_THREADS", "1"), "run",
                    spec.toString());
            try {
                assertThat(uninterrupted.waitFor(30, TimeUnit.MINUTES)).as("reference finished").isTrue();
                assertThat(uninterrupted.exitValue()).as("uninterrupted run; log: %s", Files.readString(refLog)).isZero();
            } finally {
                uninterrupted.destroyForcibly().waitFor();
            }
            LosslabProcess.killAt(killed, tmp, log, "hessian", 2, "run", spec.toString());
            assertThat(killed.strings("SELECT count(*)::text FROM hessian_network"))
                    .as("the first network committed, the second rolled back").containsExactly("1");
            assertThat(LosslabProcess.run(killed, log, Map.of("LOSSLAB_THREADS", "1"), "restart", "--last"))
                    .as("restart exit code; log: %s", Files.readString(log)).isZero();
            for (String rows : ROWS) {
                List<String> expected = reference.strings(rows + " ORDER BY 1");
                assertThat(expected).as(rows).isNotEmpty();
                assertThat(killed.strings(rows + " ORDER BY 1"))
                        .as("%s equals the uninterrupted run", rows).containsExactlyElementsOf(expected);
            }
            assertThat(killed.strings("SELECT count(*)::text FROM v_network_hessian"))
                    .containsExactly("3");
        }
    }
}
