package org.losslab.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.BadInputException;

/** The strict {@code regions:} section and the shipped region specs. */
class RegionsSpecTest {

    static final String BASE = """
            name: t
            seed: 7
            data: {dir: data/mnist-10k}
            regions: {}
            """;

    static JobSpec parse(String yaml, String... sets) {
        return JobSpec.from(SpecParser.parse("x.yaml", yaml, List.of(sets)));
    }

    @Test
    void shippedSpecsAreValid() {
        RegionsSpec full = JobSpec.load(Path.of("jobs/baskerville2021.yaml"), List.of()).regions();
        assertThat(full.architectures()).containsExactly("mlp", "lenet");
        assertThat(full.activations()).containsExactly("relu", "hardtanh", "leaky-relu-0.1", "tanh-pl5");
        assertThat(full.states()).containsExactly("random", "trained");
        assertThat(full.inputs()).containsExactly("mnist", "gaussian");
        assertThat(full.mlpWidths()).containsExactly(512, 512, 512);
        assertThat(full.inputCount()).isEqualTo(10_000);
        RegionsSpec small = JobSpec.load(Path.of("jobs/regions-quickstart.yaml"), List.of()).regions();
        assertThat(small.activations()).containsExactly("relu", "hardtanh");
        assertThat(JobSpec.load(Path.of("jobs/quickstart.yaml"), List.of()).regions().states())
                .containsExactly("random", "trained");
    }

    @Test
    void defaultsAreTheFullGridOfTheCoreActivations() {
        RegionsSpec r = parse(BASE).regions();
        assertThat(r.architectures()).containsExactly("mlp", "lenet");
        assertThat(r.activations()).containsExactly("relu", "hardtanh");
        assertThat(r.inputCount()).isEqualTo(10_000);
        assertThat(r.kdePoints()).isEqualTo(201);
        assertThat(parse(BASE, "regions.activations=[leaky-relu-0.25, sigmoid-pl7]").regions().activations())
                .containsExactly("leaky-relu-0.25", "sigmoid-pl7");
    }

    @Test
    void activationNamesMapToTheLibrary() {
        assertThat(RegionsSpec.activation("hardtanh").pieces()).isEqualTo(3);
        assertThat(RegionsSpec.activation("leaky-relu-0.1").slopes()).containsExactly(0.1, 1.0);
        assertThat(RegionsSpec.activation("tanh-pl5").pieces()).isEqualTo(5);
        assertThat(RegionsSpec.fitEpsilon("tanh-pl5")).isPositive();
        assertThat(RegionsSpec.fitEpsilon("relu")).isNull();
    }

    @Test
    void badValuesAreRefusedWithTheirPath() {
        assertThatThrownBy(() -> parse(BASE, "regions.activations=[relu, tanh]"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("regions.activations[1]");
        assertThatThrownBy(() -> parse(BASE, "regions.activations=[leaky-relu-1.5]"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("regions.activations[0]");
        assertThatThrownBy(() -> parse(BASE, "regions.activations=[tanh-pl1]"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("2 to 64 pieces");
        assertThatThrownBy(() -> parse(BASE, "regions.states=[random, random]"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("must not repeat");
        assertThatThrownBy(() -> parse(BASE, "regions.inputs=[cifar]"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("regions.inputs[0] must be one of mnist, gaussian");
        assertThatThrownBy(() -> parse(BASE, "regions.architectures=mlp"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("regions.architectures");
        assertThatThrownBy(() -> parse(BASE, "regions.input_count=1"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("regions.input_count must be between");
        assertThatThrownBy(() -> parse(BASE, "regions.architectures=[mlp, choromanska]"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("regions.architectures[1]")
                .hasMessageContaining("training section");
        assertThatThrownBy(() -> parse(BASE, "regions.choromanska_runs=0"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("regions.choromanska_runs must be between 1");
        assertThatThrownBy(() -> parse(BASE, "regions.epochs=3"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("unknown key regions.epochs");
    }

    @Test
    void choromanskaSamplesTheTrainingSectionsRuns() {
        String withTraining = BASE + "training: {hidden_widths: [25], restarts: 4, epochs: 1, learning_rate: 0.1}\n";
        RegionsSpec r = parse(withTraining, "regions.architectures=[choromanska]").regions();
        assertThat(r.samplesChoromanska()).isTrue();
        assertThat(r.choromanskaRuns()).isEqualTo(3);
        assertThat(parse(withTraining, "regions.architectures=[choromanska]", "regions.choromanska_runs=2").regions()
                .choromanskaRuns()).isEqualTo(2);
        assertThat(parse(BASE).regions().samplesChoromanska()).isFalse();
    }

    @Test
    void visitedCountDefaultsTo500AndZeroSwitchesTheCensusOff() {
        assertThat(parse(BASE).regions().visitedCount()).isEqualTo(500);
        assertThat(parse(BASE, "regions.visited_count=0").regions().visitedCount()).isZero();
        assertThatThrownBy(() -> parse(BASE, "regions.visited_count=-1")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("regions.visited_count");
    }
}
