package org.losslab.pipeline.spinglass;

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
 * Restart of killed annealing blocks (issue 20; science.md §A.5.3), for real: {@code losslab run} of a
 * spinglass-only spec with method annealing is frozen inside a block's checkpoint transaction
 * ({@code LOSSLAB_CHAOS_PAUSE=spinglass:n}) and SIGKILLed, first in the Metropolis phase, then, during
 * {@code restart --last}, in the polish; a last {@code restart --last} completes it. The results and every block
 * row must equal an uninterrupted run of the same spec in another database (two partition threads instead of one),
 * bit for bit.
 */
class AnnealingKillNineRestartIT {

    static final String SPEC = """
            name: sg-anneal-kill
            seed: 20201205
            data: {dir: data/mnist-10k, holdout: 2000}
            spinglass:
              sizes: [30]
              restarts: 4
              method: annealing
              block_size: 2
              steps_per_chunk: 25
              anneal_steps: 200
              anneal_polish_max_steps: 3000
            """;

    static final String RESULTS = "SELECT n || ' ' || restart || ' ' || method || ' ' || float8send(final_energy) || ' '"
            + " || float8send(grad_norm) || ' ' || converged || ' ' || coalesce(idx::text, '-') || ' ' || steps || ' '"
            + " || float8send(annealed_energy) || ' ' || float8send(acceptance) FROM v_spinglass ORDER BY n, restart";
    static final String BLOCKS = "SELECT n || ' ' || first_restart || ' ' || annealing || ' ' || step || ' ' || finished"
            + " || ' ' || (state IS NULL) FROM spinglass_block ORDER BY 1";

    @Test
    void killedAnnealingResumesToTheUninterruptedResults(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("sg-anneal-kill.yaml");
        Files.writeString(spec, SPEC);
        Path log = tmp.resolve("killed.log");
        try (TestDatabase killed = TestDatabase.create(); TestDatabase reference = TestDatabase.create()) {
            Path refLog = tmp.resolve("reference.log");
            Process uninterrupted = LosslabProcess.start(reference, refLog, Map.of("LOSSLAB_THREADS", "2"), "run",
                    spec.toString());
            try {
                LosslabProcess.killAt(killed, tmp, log, "spinglass", 3, "run", spec.toString());
                assertThat(killed.strings("SELECT step::text FROM spinglass_block WHERE annealing AND NOT finished"))
                        .as("first kill: two chunks of 25 Metropolis steps committed, the third rolled back")
                        .containsExactly("50");
                LosslabProcess.killAt(killed, tmp, log, "spinglass", 9, "restart", "--last");
                assertThat(killed.strings("SELECT step::text FROM spinglass_block WHERE annealing AND NOT finished"))
                        .as("second kill: 8 more chunks committed, past the 200 Metropolis steps into the polish")
                        .containsExactly("250");
                assertThat(killed.strings("SELECT count(*)::text FROM spinglass_result")).containsExactly("0");
                assertThat(LosslabProcess.run(killed, log, Map.of("LOSSLAB_THREADS", "1"), "restart", "--last"))
                        .as("restart exit code; log: %s", Files.readString(log)).isZero();
                assertThat(uninterrupted.waitFor(10, TimeUnit.MINUTES)).as("reference finished").isTrue();
                assertThat(uninterrupted.exitValue()).as("uninterrupted run; log: %s", Files.readString(refLog)).isZero();
            } finally {
                uninterrupted.destroyForcibly().waitFor();
            }
            List<String> expected = reference.strings(RESULTS);
            assertThat(expected).hasSize(4).allMatch(r -> r.startsWith("30 ") && r.contains(" annealing "));
            assertThat(killed.strings(RESULTS)).as("results equal the uninterrupted run bit for bit")
                    .containsExactlyElementsOf(expected);
            assertThat(killed.strings(BLOCKS)).containsExactlyElementsOf(reference.strings(BLOCKS))
                    .allMatch(b -> b.endsWith(" true true"));
        }
    }


}
