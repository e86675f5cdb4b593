package org.losslab.pipeline.regions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.BadInputException;
import org.losslab.spec.JobSpec;

/** The regions stage's memory pre-check: the shipped specs pass, absurd sizes name the key that dominates. */
class RegionsMemoryTest {

    @Test
    void shippedSpecsFit() {
        for (String f : List.of("jobs/quickstart.yaml", "jobs/regions-quickstart.yaml", "jobs/baskerville2021.yaml")) {
            assertThatCode(() -> RegionsMemory.check(JobSpec.load(Path.of(f), List.of()), 2)).as(f)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void networkKindsAtTheirLargest() {
        JobSpec spec = JobSpec.load(Path.of("jobs/quickstart.yaml"),
                List.of("regions.architectures=[mlp, lenet, choromanska]", "regions.mlp_widths=[32, 64]"));
        List<RegionsMemory.Network> n = RegionsMemory.networks(spec);
        assertThat(n).extracting(RegionsMemory.Network::params)
                .containsExactly(784L * 32 + 32 + 32 * 64 + 64 + 64 * 10 + 10, 61_706L, 100L * 100 + 100 + 100 * 10 + 10);
        assertThat(n).extracting(RegionsMemory.Network::units).containsExactly(96L, 6508L, 100L);
        assertThat(n.get(2).sizeKey()).isEqualTo("training.hidden_widths[1]=100");
        assertThat(n.get(2).trainsHere()).as("choromanska networks are trained by the train stage").isFalse();
    }

    @Test
    void absurdSizesAreRefusedNamingTheDominantKey() {
        assertThatThrownBy(() -> RegionsMemory.check(JobSpec.load(Path.of("jobs/quickstart.yaml"),
                List.of("regions.mlp_widths=[100000, 100000]")), 1))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("regions.mlp_widths=[100000, 100000]: ")
                .hasMessageContaining("with Adam state").hasMessageContaining("GiB");
        assertThatThrownBy(() -> RegionsMemory.check(JobSpec.load(Path.of("jobs/quickstart.yaml"),
                List.of("regions.architectures=[lenet]", "regions.batch_size=100000")), 1))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("regions.batch_size=100000: ");
        assertThatThrownBy(() -> RegionsMemory.check(JobSpec.load(Path.of("jobs/quickstart.yaml"),
                List.of("regions.input_count=10000000", "regions.mlp_widths=[8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8]")), 1))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("regions.input_count=10000000: ")
                .hasMessageContaining("Java heap");
    }
}
