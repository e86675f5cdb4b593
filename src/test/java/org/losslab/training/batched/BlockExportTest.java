package org.losslab.training.batched;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.Checkpoint;
import org.losslab.training.PreparedData;

/** The export of all checkpoints at once (in groups of networks) gives exactly the checkpoints one by one. */
class BlockExportTest {

    @ParameterizedTest(name = "data_order={0}, hidden layers={1}")
    @CsvSource({"shared,1", "independent,1", "shared,2"})
    void allCheckpointsAtOnceAreTheCheckpointsOneByOne(String order, int layers) {
        TrainingSpec spec = BatchedFixtures.spec(layers, order, 100, 0.1, 1.0);
        PreparedData data = BatchedFixtures.data(300, 100);
        int k = 45; // width 30: 3,340 parameters, groups of 19 networks, so 19 + 19 + 7
        int[] restarts = IntStream.range(0, k).map(i -> 3 * i + 1).toArray();
        try (BatchedTrainer t = new BatchedTrainer(spec, data, BatchedFixtures.SEED, 30, restarts)) {
            t.trainEpoch();
            t.deactivate(7);
            t.trainEpoch();
            List<Checkpoint> all = t.checkpoints();
            assertThat(all).hasSize(k);
            for (int i = 0; i < k; i++) {
                Checkpoint one = t.checkpoint(i);
                assertThat(all.get(i).params()).as("network %d", i).isEqualTo(one.params());
                assertThat(all.get(i).epoch()).isEqualTo(one.epoch()).isEqualTo(i == 7 ? 1 : 2);
                assertThat(all.get(i).iteration()).isEqualTo(one.iteration());
                assertThat(all.get(i).nextOrderSeed()).isEqualTo(one.nextOrderSeed());
            }
        }
    }
}
