package org.losslab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TrainingBenchmarkTest {

    @Test
    void flopsCountTheUsefulMultiplyAddsOfTrainingAndEvaluation() {
        // per training example: forward 2*101*n + 2*n*10, weight gradients 2*101*n + 2*n*10, delta 2*n*10
        // per evaluated example: 2*101*n + 2*n*10
        double n = 100;
        double expected = 8000 * (4 * 101 * n + 6 * n * 10) + 10000 * (2 * 101 * n + 2 * n * 10);
        assertThat(TrainingBenchmark.flopsPerNetworkEpoch(100, 100, 1, 8000, 10000)).isEqualTo(expected);
        double twoLayers = TrainingBenchmark.flopsPerNetworkEpoch(100, 100, 2, 8000, 10000);
        assertThat(twoLayers - expected).isEqualTo(8000 * 6 * n * n + 10000 * 2 * n * n);
    }

    @Test
    void throughputIsInterpolatedInLogWidthBetweenMeasuredWidths() {
        double[] g = {10, 20, 40};
        assertThat(TrainingBenchmark.interpolate(25, g)).isEqualTo(10);
        assertThat(TrainingBenchmark.interpolate(50, g)).isCloseTo(15, within(1e-9));
        assertThat(TrainingBenchmark.interpolate(100, g)).isEqualTo(20);
        assertThat(TrainingBenchmark.interpolate(500, g)).isEqualTo(40);
        assertThat(TrainingBenchmark.interpolate(1000, g)).isEqualTo(40);
    }

    @Test
    void partitionsAreScheduledLongestFirstOnTheFreeCore() {
        java.util.List<Double> parts = java.util.List.of(2.0, 3.0, 2.0, 3.0, 2.0);
        assertThat(SweepProjection.makespan(parts, 1)).isEqualTo(12);
        assertThat(SweepProjection.makespan(parts, 2)).isEqualTo(7); // 3+2+2 | 3+2
        assertThat(SweepProjection.makespan(java.util.List.of(5.0, 1.0, 1.0), 8))
                .as("more cores than partitions: the largest partition bounds the sweep").isEqualTo(5);
    }

    @Test
    void theProjectedSweepIsTheSweepOfTheJobFile() {
        org.losslab.spec.TrainingSpec job = org.losslab.spec.JobSpec.load(
                java.nio.file.Path.of("jobs/choromanska2015.yaml"), java.util.List.of()).training();
        assertThat(job.hiddenWidths()).containsExactly(25, 50, 100, 250, 500);
        assertThat(Workload.SWEEP_WIDTHS).containsExactly(25, 50, 100, 250, 500);
        assertThat(job.restarts()).isEqualTo(Workload.SWEEP_RESTARTS);
        assertThat(job.epochs()).isEqualTo(Workload.SWEEP_EPOCHS);
        assertThat(job.blockSize()).as("the partitions, and the K the projection's rates are measured at")
                .isEqualTo(Workload.SWEEP_BLOCK);
        assertThat(job.batchSize()).isEqualTo(Workload.BATCH);
        assertThat(job.hiddenLayers()).isEqualTo(1);
        assertThat(job.evaluateTrainEvery()).isEqualTo(org.losslab.spec.TrainingSpec.DEFAULT_EVALUATE_TRAIN_EVERY);
    }

    @Test
    void theEvaluationShareComesFromTheEvaluationPhases() {
        var profile = new java.util.EnumMap<org.losslab.training.batched.BatchedTrainer.Phase, Double>(
                org.losslab.training.batched.BatchedTrainer.Phase.class);
        profile.put(org.losslab.training.batched.BatchedTrainer.Phase.FIRST_LAYER_FORWARD, 3.0);
        profile.put(org.losslab.training.batched.BatchedTrainer.Phase.EVAL_FIRST_LAYER, 1.5);
        profile.put(org.losslab.training.batched.BatchedTrainer.Phase.EVAL_LOSS, 0.5);
        profile.put(org.losslab.training.batched.BatchedTrainer.Phase.EXPORT, 10.0);
        assertThat(BatchedMeasurement.evaluationShare(profile)).isEqualTo(0.4);
    }
}
