package org.losslab.pipeline.enumeration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.support.LosslabProcess;
import org.losslab.support.TestDatabase;

/**
 * Restart of a killed enumeration (issue 20; science.md §B.8 item 5), for real: {@code losslab run} of an
 * enumeration-only spec is frozen inside the 5th sample's transaction ({@code LOSSLAB_CHAOS_PAUSE=enumeration:5})
 * and SIGKILLed, then again inside the 9th of {@code restart --last}; a last {@code restart --last} completes it.
 * Every enumeration table and view and the F13 comparison rows must equal an uninterrupted run of the same spec in
 * another database, run with two partition threads instead of one.
 */
class EnumerationKillNineRestartIT {

    static final String SPEC = """
            name: enum-kill
            seed: 20260101
            enumeration:
              sizes: [3, 4]
              samples: 20
              starts: [100, 200]
              block_size: 8
              kac_rice_samples: 2000
            """;

    static final Map<String, String> ROWS = new LinkedHashMap<>();

    static {
        String strip = " - 'experiment_id' - 'step_execution_id' - 'job_execution_id'";
        for (String t : List.of("enumeration_sample", "enumeration_point", "enumeration_kac_rice", "v_enumeration_counts",
                "v_enumeration_energy")) {
            ROWS.put(t, "SELECT (to_jsonb(t)" + strip + ")::text FROM " + t + " t");
        }
        ROWS.put("comparison", "SELECT concat_ws(' ', statistic, subject, value, ci_low, ci_high, reference, verdict, note)"
                + " FROM v_comparison WHERE finding = 'F13'");
    }

    @Test
    void killedEnumerationResumesToTheUninterruptedRows(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("enum-kill.yaml");
        Files.writeString(spec, SPEC);
        Path log = tmp.resolve("killed.log");
        try (TestDatabase killed = TestDatabase.create(); TestDatabase reference = TestDatabase.create()) {
            Path refLog = tmp.resolve("reference.log");
            assertThat(LosslabProcess.run(reference, refLog, Map.of("LOSSLAB_THREADS", "2"), "run", spec.toString()))
                    .as("uninterrupted run; log: %s", Files.readString(refLog)).isZero();
            LosslabProcess.killAt(killed, tmp, log, "enumeration", 5, "run", spec.toString());
            assertThat(killed.strings("SELECT count(*)::text FROM enumeration_sample"))
                    .as("first kill: 4 samples committed, the 5th rolled back").containsExactly("4");
            LosslabProcess.killAt(killed, tmp, log, "enumeration", 9, "restart", "--last");
            assertThat(killed.strings("SELECT count(*)::text FROM enumeration_sample"))
                    .as("second kill: 8 more committed").containsExactly("12");
            assertThat(LosslabProcess.run(killed, log, Map.of("LOSSLAB_THREADS", "1"), "restart", "--last"))
                    .as("restart exit code; log: %s", Files.readString(log)).isZero();
            for (Map.Entry<String, String> t : ROWS.entrySet()) {
                List<String> expected = reference.strings(t.getValue() + " ORDER BY 1");
                assertThat(expected).as(t.getKey()).isNotEmpty();
                assertThat(killed.strings(t.getValue() + " ORDER BY 1")).as("%s equals the uninterrupted run", t.getKey())
                        .containsExactlyElementsOf(expected);
            }
            assertThat(killed.strings("SELECT count(*)::text FROM enumeration_sample")).containsExactly("40");
            assertThat(killed.strings("SELECT step_name FROM batch_step_execution WHERE status = 'COMPLETED' "
                    + "AND step_name LIKE 'enumeration-block:%' GROUP BY step_name HAVING count(*) > 1"))
                    .as("no partition completed twice").isEmpty();
        }
    }


}
