package org.losslab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.spec.JobSpec;

/** jobs/paper-reproduction.yaml is a valid spec with every stage at paper scale. */
class PaperReproductionSpecTest {

    @Test
    void paperReproductionRunsEveryStage() {
        JobSpec spec = JobSpec.load(Path.of("jobs/paper-reproduction.yaml"), List.of());
        assertThat(spec.training().hiddenWidths()).containsExactly(25, 50, 100, 250, 500);
        assertThat(spec.training().restarts()).isEqualTo(1000);
        assertThat(spec.theory()).isNotNull();
        assertThat(spec.spinglass()).isNotNull();
    }
}
