package org.losslab.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.bench.TrainingBenchmark;
import org.losslab.data.MnistShape;
import org.losslab.spec.JobSpec;

/** The stages' estimates as the class path provides them: every stage of the quickstart, the training arithmetic. */
class StagePlansTest {

    static final MachineRates RATES = PlanArithmeticTest.RATES;

    @Test
    void everyStageOfTheQuickstartContributesItsEstimateInJobOrder() {
        JobSpec spec = JobSpec.load(Path.of("jobs/quickstart.yaml"), List.of());
        MnistShape data = MnistShape.read(Path.of("data/mnist-10k"), spec.data().holdout());
        RunPlan plan = RunPlan.of(spec, new PlanInputs(data, 2), RATES);
        assertThat(plan.stages()).extracting(StageEstimate::stage)
                .containsExactly("prepare-data", "train", "hessian", "theory", "spinglass", "enumeration", "cells", "regions");
        assertThat(plan.stage("hessian").work().get(0).what()).contains("n1=25").contains("exact").contains("2785 parameters");
        assertThat(plan.stage("enumeration").work().get(0).fixedSeconds()).isPositive();
        assertThat(plan.stage("prepare-data").summary()).contains("8000 / 2000");
        assertThat(plan.cpuSeconds()).isPositive();
        assertThat(plan.stages()).allSatisfy(s -> assertThat(s.dbRows()).isPositive());
    }

    @Test
    void trainingWorkIsNetworksTimesEpochsTimesTheFlopsOfAnEpochInTheSpecsPartitions() {
        JobSpec spec = JobSpec.fromText("t", """
                name: t
                seed: 1
                training: {hidden_widths: [20, 40], restarts: 10, epochs: 3, learning_rate: 0.1, block_size: 4}
                """);
        MnistShape data = new MnistShape(1000, 200, 28, 28, "test");
        StageEstimate train = RunPlan.of(spec, new PlanInputs(data, 2), RATES).stage("train");
        assertThat(train.work()).hasSize(2);
        Work w = train.work().get(1);
        assertThat(w.partitions()).isEqualTo(3); // 10 restarts in blocks of 4
        // the test set every epoch, the training set only after the last of 3 epochs (evaluate_train_every 10)
        assertThat(w.flops()).isCloseTo(10 * 3 * TrainingBenchmark.flopsPerNetworkEpoch(100, 40, 1, 1000, 200 + 333),
                within(1.0));
        assertThat(w.kernel()).isEqualTo(Work.Kernel.BATCHED);
        assertThat(train.dbRows()).isEqualTo(20 * 3 + 2 * 20); // epoch metrics, runs, final parameters
        long params40 = 101 * 40 + 41 * 10;
        assertThat(train.dbBytes()).isGreaterThan(10 * 4 * params40 + 20 * 3 * 100L);
        assertThat(train.summary()).contains("1000 examples", "6 partitions");
    }

    @Test
    void thePlanNotesTooFewRestartsAtTheLargestWidthForF5() {
        int needed = org.losslab.comparison.NetworkComparisons.restartsForConsistentF5(0.05);
        MnistShape data = new MnistShape(1000, 200, 28, 28, "test");
        java.util.function.IntFunction<RunPlan> plan = restarts -> RunPlan.of(JobSpec.fromText("t", """
                name: t
                seed: 1
                training: {hidden_widths: [20, 40], restarts: %d, epochs: 1, learning_rate: 0.1, block_size: 4}
                """.formatted(restarts)), new PlanInputs(data, 2), RATES);
        assertThat(plan.apply(needed).stage("train").notes()).isEmpty();
        assertThat(plan.apply(needed - 1).stage("train").notes()).singleElement().asString()
                .contains((needed - 1) + " restarts at n1=40", "decile of " + (needed - 1 + 9) / 10, "inconsistent or undetermined",
                        "least " + needed);
        assertThat(plan.apply(8).stage("train").notes()).singleElement().asString()
                .contains("decile of 1, too few for a rank correlation", "F5 will be undetermined");
        assertThat(plan.apply(8).lines()).anySatisfy(l -> assertThat(l).contains("note: 8 restarts at n1=40"));
    }

    @Test
    void theSplitComesFromTheHeadersOfBothLayouts() {
        MnistShape full = MnistShape.read(Path.of("data/mnist"), 2000);
        assertThat(full.trainCount()).isEqualTo(60000);
        assertThat(full.testCount()).isEqualTo(10000);
        assertThat(full.rows()).isEqualTo(28);
        MnistShape single = MnistShape.read(Path.of("data/mnist-10k"), 1500);
        assertThat(single.trainCount()).isEqualTo(8500);
        assertThat(single.testCount()).isEqualTo(1500);
    }
}
