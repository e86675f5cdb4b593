package org.losslab.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.losslab.pipeline.StageProgress;

class ProgressLineTest {

    private static final long S = 1_000_000_000L;

    @Test
    void rateAndEtaFromTheFirstSighting() {
        ProgressLine line = new ProgressLine(new StageProgress("training", "network-epochs", 10, 110), 0);
        assertThat(line.text(new StageProgress("training", "network-epochs", 10, 110), 0)).endsWith("ETA ?");
        String t = line.text(new StageProgress("training", "network-epochs", 30, 110), 10 * S);
        assertThat(t).isEqualTo("training   30/110 network-epochs (27%), 2.00/s, ETA 40s");
    }

    @Test
    void aFinishedStageSaysDone() {
        ProgressLine line = new ProgressLine(new StageProgress("regions", "steps", 0, 50), 0);
        assertThat(line.text(new StageProgress("regions", "steps", 50, 50), 100 * S)).endsWith("(100%), 0.50/s, done");
    }

    @Test
    void durationsReadable() {
        assertThat(ProgressLine.duration(59)).isEqualTo("59s");
        assertThat(ProgressLine.duration(61)).isEqualTo("1m01s");
        assertThat(ProgressLine.duration(7322)).isEqualTo("2h02m");
    }
}
