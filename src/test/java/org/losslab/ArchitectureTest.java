package org.losslab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The package layout (docs/architecture.md) as a test: no package cycles; numeric packages free of
 * Spring, of the wiring and of exit codes; one slice per pipeline stage, depending on another slice
 * only where declared below; no SQL in tasklets; the job lifecycle small and stage-free.
 */
class ArchitectureTest {

    /** Numeric packages: kernels and statistics, free of Spring and of the pipeline's wiring. */
    static final String[] NUMERIC = {"org.losslab.activations..", "org.losslab.bench..", "org.losslab.cells..",
            "org.losslab.comparison..", "org.losslab.data..", "org.losslab.math..", "org.losslab.regions..",
            "org.losslab.theory..", "org.losslab.training.."};

    /** The declared dependencies between stage slices (acyclic): who may use whose public pieces. */
    static final Map<String, List<String>> SLICE_USES = Map.of(
            "data", List.of(),
            "training", List.of("data"),                  // its inputs and the prepare-data planning hook
            "theory", List.of(),
            "spinglass", List.of(),
            "enumeration", List.of(),
            "cells", List.of("data"),                     // the prepared MNIST inputs
            "regions", List.of("data", "training"),       // MNIST inputs; the training runs (choromanska)
            "hessian", List.of("data", "training"),       // the training rows; the trained runs' final parameters
            "compare", List.of());

    static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.losslab");
    }

    @Test
    void topLevelPackagesAndStageSlicesHaveNoCycles() {
        slices().matching("org.losslab.(*)..").should().beFreeOfCycles().check(main);
        slices().matching("org.losslab.pipeline.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void numericPackagesAreFreeOfSpringAndTheWiring() {
        noClasses().that().resideInAnyPackage(NUMERIC).should().dependOnClassesThat().resideInAnyPackage(
                "org.springframework..", "org.losslab.cli..", "org.losslab.pipeline..", "org.losslab.job..",
                "org.losslab.store..", "org.losslab.remote..", "org.losslab.ops..", "org.losslab.faults..")
                .check(main);
    }

    @Test
    void onlyTheSpecAndCommandLayersTurnErrorsIntoExitCodes() {
        noClasses().that().resideInAnyPackage(NUMERIC).or().resideInAPackage("org.losslab.report..")
                .should().dependOnClassesThat().belongToAnyOf(BadInputException.class, ExitCodes.class).check(main);
    }

    /** The report reads results through JDBC; it computes provisional comparisons as the compare stage does. */
    @Test
    void theReportUsesNoBatchNoWiringAndOnlyTheCompareSlice() {
        noClasses().that().resideInAPackage("org.losslab.report..").should().dependOnClassesThat().resideInAnyPackage(
                "org.springframework.batch..", "org.losslab.cli..", "org.losslab.job..", "org.losslab.remote..",
                "org.losslab.ops..", "org.losslab.pipeline", "org.losslab.pipeline.data..",
                "org.losslab.pipeline.training..", "org.losslab.pipeline.theory..", "org.losslab.pipeline.spinglass..",
                "org.losslab.pipeline.enumeration..", "org.losslab.pipeline.cells..", "org.losslab.pipeline.regions..",
                "org.losslab.pipeline.hessian..")
                .check(main);
    }

    @Test
    void slicesUseEachOtherOnlyAsDeclared() {
        SLICE_USES.forEach((slice, uses) -> {
            List<String> forbidden = new ArrayList<>();
            for (String other : SLICE_USES.keySet()) {
                if (!other.equals(slice) && !uses.contains(other)) {
                    forbidden.add("org.losslab.pipeline." + other + "..");
                }
            }
            noClasses().that().resideInAPackage("org.losslab.pipeline." + slice + "..").should()
                    .dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new)).check(main);
        });
        assertThat(main.stream().map(c -> c.getPackageName()).filter(p -> p.startsWith("org.losslab.pipeline."))
                .map(p -> p.substring("org.losslab.pipeline.".length()).split("\\.")[0]).distinct())
                .as("every stage slice is declared").allMatch(SLICE_USES::containsKey);
    }

    @Test
    void theSharedPlumbingAndTheJobLifecycleKnowNoStage() {
        noClasses().that().resideInAnyPackage("org.losslab.pipeline", "org.losslab.job..").should()
                .dependOnClassesThat().resideInAnyPackage("org.losslab.pipeline.*..").check(main);
        noClasses().that().resideInAPackage("org.losslab").should().dependOnClassesThat()
                .resideInAPackage("org.losslab.cli..").check(main);
    }

    @Test
    void taskletsHoldNoSql() {
        classes().that().implement(Tasklet.class).should().onlyDependOnClassesThat()
                .areNotAssignableTo(JdbcTemplate.class).check(main);
    }

    @Test
    void theJobLifecycleIsSmall() {
        long files = main.stream().filter(c -> c.getPackageName().equals("org.losslab.job"))
                .filter(c -> c.getEnclosingClass().isEmpty()).count();
        assertThat(files).as("top-level classes in org.losslab.job").isBetween(1L, 12L);
    }
}
