package org.losslab.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.BadInputException;

class JobSpecTest {

    static final String VALID = """
            name: t
            seed: 7
            data: {dir: data/mnist-10k}
            training:
              hidden_widths: [25, 100]
              restarts: 3
              epochs: 2
              learning_rate: 0.1
            """;

    static JobSpec parse(String yaml, String... sets) {
        return JobSpec.from(SpecParser.parse("x.yaml", yaml, List.of(sets)));
    }

    @Test
    void shippedSpecsAreValid() {
        for (String f : List.of("jobs/quickstart.yaml", "jobs/choromanska2015.yaml", "jobs/anneal-network.yaml")) {
            JobSpec s = JobSpec.load(Path.of(f), List.of());
            assertThat(s.training().restarts()).isPositive();
        }
        JobSpec paper = JobSpec.load(Path.of("jobs/choromanska2015.yaml"), List.of());
        assertThat(paper.training().hiddenWidths()).containsExactly(25, 50, 100, 250, 500);
        assertThat(paper.training().restarts()).isEqualTo(1000);
        assertThat(paper.training().epochs()).isEqualTo(200);
        assertThat(paper.data().inputSize()).isEqualTo(100);
        TrainingSpec anneal = JobSpec.load(Path.of("jobs/anneal-network.yaml"), List.of()).training();
        assertThat(anneal.trainer()).isEqualTo("annealing");
        assertThat(List.of(anneal.epochs(), anneal.annealT0(), anneal.annealStepScale(), anneal.annealRows()))
                .containsExactly(100, 1e-3, 0.3, 0);
        assertThat(paper.training().annealT0()).as("default T_0").isEqualTo(1e-3);
    }

    @Test
    void paperSpecsReadTheStandardSplitAndQuickstartsTheTenThousand() {
        for (String f : List.of("jobs/choromanska2015.yaml", "jobs/baskerville2021.yaml", "jobs/paper-reproduction.yaml")) {
            JobSpec s = JobSpec.load(Path.of(f), List.of());
            assertThat(s.data().dir()).as(f).isEqualTo("data/mnist");
            assertThat(s.data().verifyChecksums()).as(f).isTrue();
        }
        for (String f : List.of("jobs/quickstart.yaml", "jobs/regions-quickstart.yaml")) {
            assertThat(JobSpec.load(Path.of(f), List.of()).data().dir()).as(f).isEqualTo("data/mnist-10k");
        }
        assertThat(parse(VALID, "data.verify_checksums=false").data().verifyChecksums()).isFalse();
    }

    @Test
    void defaultsAndOverrides() {
        JobSpec s = parse(VALID, "training.epochs=8", "training.hidden_widths=[50]", "data.holdout=500");
        assertThat(s.training().epochs()).isEqualTo(8);
        assertThat(s.training().hiddenWidths()).containsExactly(50);
        assertThat(s.data().holdout()).isEqualTo(500);
        assertThat(s.training().batchSize()).isEqualTo(100);
        assertThat(s.training().learningRate(2)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(s.text()).contains("epochs: 8");
        assertThat(parse(VALID).sha256()).isNotEqualTo(s.sha256()).hasSize(64);
        assertThat(parse(VALID).sha256()).isEqualTo(parse(VALID).sha256());
    }

    @Test
    void storedTextRoundTrips() {
        JobSpec s = parse(VALID, "training.epochs=8");
        JobSpec back = JobSpec.fromText("stored", s.text());
        assertThat(back).usingRecursiveComparison().isEqualTo(s);
    }

    @Test
    void refusesUnknownKeysWithTheirPath() {
        assertThatThrownBy(() -> parse(VALID + "  epoch: 3\n"))
                .isInstanceOf(BadInputException.class).hasMessage("x.yaml: unknown key training.epoch (did you mean epochs?)");
        assertThatThrownBy(() -> parse(VALID, "trainig.epochs=3"))
                .hasMessage("x.yaml: unknown section trainig (did you mean training?)");
    }

    @Test
    void refusesWrongTypesAndRanges() {
        assertThatThrownBy(() -> parse(VALID, "training.epochs=many"))
                .hasMessage("x.yaml: training.epochs must be an integer, not 'many'");
        assertThatThrownBy(() -> parse(VALID, "training.epochs=0"))
                .hasMessage("x.yaml: training.epochs must be between 1 and 100000, not 0");
        assertThatThrownBy(() -> parse(VALID, "training.hidden_widths=[25,-1]"))
                .hasMessage("x.yaml: training.hidden_widths[1] must be between 1 and 1000000, not -1");
        assertThatThrownBy(() -> parse(VALID, "training.learning_rate=.nan"))
                .hasMessage("x.yaml: training.learning_rate must be a finite number, not NaN");
        assertThatThrownBy(() -> parse(VALID, "training.learning_rate=.inf"))
                .hasMessage("x.yaml: training.learning_rate must be a finite number, not Infinity");
        assertThatThrownBy(() -> parse(VALID, "training.data_order=random"))
                .hasMessage("x.yaml: training.data_order must be one of independent, shared, not 'random'");
        assertThatThrownBy(() -> parse(VALID.replace("seed: 7\n", "")))
                .hasMessage("x.yaml: seed is required");
        assertThatThrownBy(() -> parse(VALID, "name=Bad Name"))
                .hasMessageContaining("x.yaml: name must be 1-63 characters");
    }

    @Test
    void spinglassMethodIsANameOrAListWithAnnealingKeys() {
        String sg = VALID + "spinglass:\n  sizes: [25]\n  restarts: 4\n";
        SpinGlassSpec plain = parse(sg).spinglass();
        assertThat(plain.methods()).containsExactly("gd");
        assertThat(plain.anneals()).isFalse();
        SpinGlassSpec both = parse(sg, "spinglass.method=[gd, annealing]", "spinglass.anneal_steps=300",
                "spinglass.anneal_t0=1.5", "spinglass.anneal_step_scale=0.5", "spinglass.anneal_polish_max_steps=700",
                "spinglass.anneal_margin=0.1").spinglass();
        assertThat(both.methods()).containsExactly("gd", "annealing");
        assertThat(both.descentMethod()).isEqualTo("gd");
        assertThat(both.schedule()).isEqualTo(new org.losslab.theory.AnnealingSchedule(300, 1.5, 0.5, 700));
        assertThat(both.annealMargin()).isEqualTo(0.1);
        SpinGlassSpec only = parse(sg, "spinglass.method=annealing").spinglass();
        assertThat(only.descentMethod()).isNull();
        assertThat(only.schedule()).isEqualTo(new org.losslab.theory.AnnealingSchedule(2000, 2.0, 1.0, 5000));
        assertThatThrownBy(() -> parse(sg, "spinglass.method=[gd, sgd]"))
                .hasMessage("x.yaml: spinglass.method may name at most one descent method (gd or sgd), not both");
        assertThatThrownBy(() -> parse(sg, "spinglass.method=[annealing, annealing]"))
                .hasMessage("x.yaml: spinglass.method[1] repeats 'annealing'");
        assertThatThrownBy(() -> parse(sg, "spinglass.method=[gd, anneal]"))
                .hasMessage("x.yaml: spinglass.method[1] must be one of gd, sgd, annealing, not 'anneal'");
        assertThatThrownBy(() -> parse(sg, "spinglass.anneal_t0=0"))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("x.yaml: spinglass.anneal_t0 must be between");
    }

    @Test
    void compareSectionIsOptionalAndValidated() {
        JobSpec plain = parse(VALID);
        assertThat(plain.compare()).isEqualTo(CompareSpec.DEFAULTS);
        assertThat(plain.text()).doesNotContain("compare");       // defaults leave the stored text and hash alone
        JobSpec set = parse(VALID, "compare.alpha=0.01", "compare.bootstrap_resamples=500", "compare.kac_rice_max_k=2");
        assertThat(set.compare()).isEqualTo(new CompareSpec(0.01, 500, 2));
        assertThat(set.sha256()).isNotEqualTo(plain.sha256());
        assertThatThrownBy(() -> parse(VALID, "compare.alpha=0"))
                .isInstanceOf(BadInputException.class).hasMessage("x.yaml: compare.alpha must be between 0.001 and 0.2, not 0.0");
        assertThatThrownBy(() -> parse(VALID, "compare.alpha=0.5"))
                .hasMessage("x.yaml: compare.alpha must be between 0.001 and 0.2, not 0.5");
        assertThatThrownBy(() -> parse(VALID, "compare.alpha=high"))
                .hasMessage("x.yaml: compare.alpha must be a number, not 'high'");
        assertThatThrownBy(() -> parse(VALID, "compare.bootstrap_resamples=10"))
                .hasMessage("x.yaml: compare.bootstrap_resamples must be between 200 and 1000000, not 10");
        assertThatThrownBy(() -> parse(VALID, "compare.level=0.9")).hasMessage("x.yaml: unknown key compare.level");
    }

    @Test
    void refusesBadYamlAndMissingFiles(@TempDir Path tmp) throws Exception {
        assertThatThrownBy(() -> parse("name: [unclosed\n"))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("x.yaml: YAML syntax error at line");
        assertThatThrownBy(() -> parse("- a list\n")).hasMessage("x.yaml: a spec must be a YAML mapping of sections");
        assertThatThrownBy(() -> parse(VALID, "no-equals-sign")).hasMessageStartingWith("--set no-equals-sign: expected path=value");
        Path missing = tmp.resolve("nope.yaml");
        assertThatThrownBy(() -> JobSpec.load(missing, List.of())).hasMessage(missing + ": spec file not found");
        Path dup = tmp.resolve("dup.yaml");
        Files.writeString(dup, VALID + "seed: 8\n");
        assertThatThrownBy(() -> JobSpec.load(dup, List.of())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("duplicate key seed");
    }

    @Test
    void trainerListsAndTheCellsVisitedCensus() {
        TrainingSpec scalar = parse(VALID).training();
        assertThat(scalar.trainers()).containsExactly("batched");
        assertThat(scalar.keysByTrainer()).isFalse();
        assertThat(scalar.visitedRuns()).as("no census unless asked").isZero();
        TrainingSpec both = parse(VALID, "training.trainer=[batched, annealing]", "training.hidden_widths=[25, 50]",
                "training.restarts=6", "training.anneal_widths=[25]", "training.anneal_restarts=4",
                "training.cells_visited={runs: 9, subset: 300}").training();
        assertThat(both.keysByTrainer()).isTrue();
        assertThat(both.sgdTrainer()).isEqualTo("batched");
        assertThat(List.of(both.restartsOf("batched", 50), both.restartsOf("annealing", 25),
                both.restartsOf("annealing", 50))).containsExactly(6, 4, 0);
        assertThat(both.annealMargin()).isEqualTo(TrainingSpec.DEFAULT_ANNEAL_MARGIN);
        assertThat(List.of(both.visitedRuns(), both.visitedSubset())).as("runs at most all restarts").containsExactly(6, 300);
        TrainingSpec quickstart = JobSpec.load(Path.of("jobs/quickstart.yaml"), List.of()).training();
        assertThat(quickstart.trainers()).containsExactly("batched", "annealing");
        assertThat(quickstart.visitedRuns()).isEqualTo(2);
        assertThat(JobSpec.load(Path.of("jobs/choromanska2015.yaml"), List.of()).training().visitedRuns()).isEqualTo(3);
        assertThatThrownBy(() -> parse(VALID, "training.cells_visited={subset: 10}"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("training.cells_visited.runs is required");
    }
}
