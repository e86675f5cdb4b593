package org.losslab.pipeline.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.losslab.spec.JobSpec;
import org.losslab.spec.TrainingSpec;

/** The runs of the cells-visited census: drawn by seed, the same every time, different per width and seed. */
class RunCellsCensusTest {

    static TrainingSpec spec(int runs) {
        return JobSpec.load(Path.of("jobs/choromanska2015.yaml"), List.of("training.cells_visited.runs=" + runs))
                .training();
    }

    @Test
    void theSampleIsDeterministicDistinctAndSeeded() {
        TrainingSpec t = spec(3);
        Set<Integer> a = RunCellsCensus.sampled(t, 1L, 25);
        assertThat(a).hasSize(3).allMatch(r -> r >= 0 && r < 1000);
        assertThat(RunCellsCensus.sampled(t, 1L, 25)).isEqualTo(a);
        assertThat(List.of(RunCellsCensus.sampled(t, 1L, 50), RunCellsCensus.sampled(t, 2L, 25)))
                .as("another width or seed, another sample").doesNotContain(a);
        assertThat(RunCellsCensus.sampled(spec(1000), 1L, 25)).as("all restarts").hasSize(1000);
    }
}
