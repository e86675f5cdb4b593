package org.losslab.training.batched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.EpochResult;
import org.losslab.training.PreparedData;

/**
 * The evaluation's row count ({@link BlockShape#evalRows}) changes only the summation order of the evaluation:
 * training gives the same bits (also where chunks of networks sit further apart in the larger buffers), and
 * losses and errors agree with those of minibatch-sized blocks.
 */
class EvaluationRowsTest {

    @ParameterizedTest(name = "data_order={0}, hidden layers={1}, chunks of {2} columns")
    @CsvSource({"shared,1,80", "independent,1,80", "shared,2,80", "shared,1,40", "independent,2,20"})
    void largerEvaluationBlocksChangeNoTrainingBits(String order, int layers, int chunk) {
        TrainingSpec spec = BatchedFixtures.spec(layers, order, 100, 0.1, 1.0);
        PreparedData data = BatchedFixtures.data(700, 450); // blocks of 300 rows: 300 + 300 + 100 and 300 + 150
        int[] restarts = {2, 5, 9, 14};
        int width = 20;
        try (BatchedTrainer small = new BatchedTrainer(spec, data, BatchedFixtures.SEED, width, restarts, chunk, 100);
             BatchedTrainer large = new BatchedTrainer(spec, data, BatchedFixtures.SEED, width, restarts, chunk, 300)) {
            for (int epoch = 0; epoch < 2; epoch++) {
                List<EpochResult> a = small.trainEpoch();
                List<EpochResult> b = large.trainEpoch();
                for (int i = 0; i < restarts.length; i++) {
                    assertThat(b.get(i).testLoss()).isCloseTo(a.get(i).testLoss(), within(1e-6 * a.get(i).testLoss()));
                    assertThat(b.get(i).trainLoss()).isCloseTo(a.get(i).trainLoss(),
                            within(1e-6 * a.get(i).trainLoss()));
                    assertThat(b.get(i).testError()).isEqualTo(a.get(i).testError());
                    assertThat(b.get(i).trainError()).isEqualTo(a.get(i).trainError());
                }
            }
            for (int i = 0; i < restarts.length; i++) {
                assertThat(large.checkpoint(i).params()).as("network %d", i).isEqualTo(small.checkpoint(i).params());
            }
        }
    }
}
