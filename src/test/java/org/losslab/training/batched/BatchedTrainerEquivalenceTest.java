package org.losslab.training.batched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.EpochResult;
import org.losslab.training.FloatBytes;
import org.losslab.training.PreparedData;

/**
 * The batched trainer trains each network exactly as {@code Dl4jRunTrainer} (DL4J's MultiLayerNetwork)
 * does: same initialization, data order, minibatches (950 images: the last batch is partial), loss and
 * updates. Only summation order differs, so parameters agree to 1e-5 relative (observed: about 1e-7).
 */
class BatchedTrainerEquivalenceTest {

    static final PreparedData DATA = BatchedFixtures.data(950, 400);
    static final int WIDTH = 30;
    static final int[] SEVEN = {0, 5, 9, 12, 3, 7, 1};

    @ParameterizedTest(name = "K={0}, data_order={1}, fused output layer={2}")
    @CsvSource({"1, shared, true", "7, shared, true", "1, independent, true", "7, independent, true",
        "7, shared, false", "7, independent, false"})
    void matchesTheReferenceTrainerNetworkByNetwork(int k, String order, boolean fused) {
        TrainingSpec spec = BatchedFixtures.spec(1, order, 100, 0.1, 1.0);
        int[] restarts = k == 1 ? new int[] {5} : SEVEN;
        int epochs = 3;
        try (BatchedTrainer t = trainer(spec, WIDTH, restarts, fused)) {
            for (int e = 0; e < epochs; e++) {
                List<EpochResult> results = t.trainEpoch();
                assertThat(results).hasSize(k).doesNotContainNull();
                for (int i = 0; i < k; i++) {
                    ReferenceRuns.Run ref = ReferenceRuns.run(spec, DATA, WIDTH, restarts[i], epochs);
                    assertMatches(results.get(i), ref.results().get(e), DATA);
                    float[] ours = FloatBytes.decode(t.parameterBytes(i));
                    assertThat(ReferenceRuns.relativeDeviation(ours, ref.params().get(e)))
                            .as("restart %d after epoch %d", restarts[i], e + 1).isLessThan(1e-5);
                }
            }
            assertThat(t.epochsDone()).isEqualTo(epochs);
            assertThat(t.checkpoint(0).iteration()).as("DL4J's iteration count: 10 minibatches per epoch")
                    .isEqualTo(30);
        }
    }

    @ParameterizedTest(name = "fused output layer={0}")
    @CsvSource({"true", "false"})
    void twoHiddenLayersMatchTheReferenceToo(boolean fused) {
        TrainingSpec spec = BatchedFixtures.spec(2, "shared", 100, 0.05, 1.0);
        int[] restarts = {2, 4, 6};
        try (BatchedTrainer t = trainer(spec, 20, restarts, fused)) {
            for (int e = 0; e < 2; e++) {
                List<EpochResult> results = t.trainEpoch();
                for (int i = 0; i < restarts.length; i++) {
                    ReferenceRuns.Run ref = ReferenceRuns.run(spec, DATA, 20, restarts[i], 2);
                    assertMatches(results.get(i), ref.results().get(e), DATA);
                    assertThat(ReferenceRuns.relativeDeviation(FloatBytes.decode(t.parameterBytes(i)),
                            ref.params().get(e))).as("restart %d after epoch %d", restarts[i], e + 1).isLessThan(1e-5);
                }
            }
        }
    }

    static void assertMatches(EpochResult ours, EpochResult ref, PreparedData data) {
        assertThat(ours.epoch()).isEqualTo(ref.epoch());
        assertThat(ours.learningRate()).isEqualTo(ref.learningRate());
        assertThat(ours.trainLoss()).isCloseTo(ref.trainLoss(), within(1e-5 * Math.abs(ref.trainLoss())));
        assertThat(ours.testLoss()).isCloseTo(ref.testLoss(), within(1e-5 * Math.abs(ref.testLoss())));
        // an argmax may flip on a near-tie of two logits: allow one example
        assertThat(ours.trainError()).isCloseTo(ref.trainError(), within(1.0 / data.trainCount() + 1e-12));
        assertThat(ours.testError()).isCloseTo(ref.testError(), within(1.0 / data.testCount() + 1e-12));
    }

    @Test
    void networksTrainedAndEvaluatedInGroupsMatchTheReferenceToo() {
        // 100 networks of width 25: 2 groups per training step, 5 per 500-row evaluation block (1 MiB each)
        TrainingSpec spec = BatchedFixtures.spec(1, "shared", 100, 0.1, 1.0);
        int[] restarts = java.util.stream.IntStream.range(0, 100).toArray();
        try (BatchedTrainer t = new BatchedTrainer(spec, DATA, BatchedFixtures.SEED, 25, restarts)) {
            assertThat(FusedForwardPass.GROUP_BYTES / (4L * 25 * BlockShape.lead(100))).isEqualTo(93);
            for (int e = 0; e < 2; e++) {
                List<EpochResult> results = t.trainEpoch();
                for (int i : new int[] {0, 50, 92, 93, 99}) { // the first and last of each training group
                    ReferenceRuns.Run ref = ReferenceRuns.run(spec, DATA, 25, restarts[i], 2);
                    assertMatches(results.get(i), ref.results().get(e), DATA);
                    assertThat(ReferenceRuns.relativeDeviation(FloatBytes.decode(t.parameterBytes(i)),
                            ref.params().get(e))).as("restart %d after epoch %d", i, e + 1).isLessThan(1e-5);
                }
            }
        }
    }

    /** A trainer with the output layer fused or as OpenBLAS products, whatever the width's default. */
    static BatchedTrainer trainer(TrainingSpec spec, int width, int[] restarts, boolean fused) {
        return new BatchedTrainer(spec, DATA, BatchedFixtures.SEED, width, restarts,
                BlockShape.defaultChunkColumns(restarts.length, width), BatchedMemory.evalRows(restarts.length,
                DATA.features(), width, spec.hiddenLayers(), spec.batchSize()), fused);
    }
}
