package org.losslab.training.batched;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.EpochResult;
import org.losslab.training.PreparedData;

/**
 * The chunk size of {@link BlockShape} is a cache choice only: every operation is per network or per
 * column, so one network per chunk, uneven chunks and one chunk of all K give the same bits.
 */
class BlockChunksTest {

    static final PreparedData DATA = BatchedFixtures.data(450, 230);
    static final int WIDTH = 20;
    static final int[] RESTARTS = {3, 1, 4, 1_5, 9};

    @ParameterizedTest(name = "hidden layers {0}, data_order={1}")
    @CsvSource({"1, shared", "1, independent", "2, shared", "2, independent"})
    void parametersAndScoresDoNotDependOnTheChunkSize(int hiddenLayers, String order) {
        TrainingSpec spec = BatchedFixtures.spec(hiddenLayers, order, 100, 0.1, 1.0);
        Run whole = train(spec, Integer.MAX_VALUE);
        for (int networksPerChunk : new int[] {1, 2}) {
            Run chunked = train(spec, networksPerChunk * WIDTH);
            assertThat(chunked.chunks).as("chunks").isEqualTo((RESTARTS.length + networksPerChunk - 1) / networksPerChunk);
            assertThat(chunked.results).usingRecursiveFieldByFieldElementComparatorIgnoringFields("seconds")
                    .isEqualTo(whole.results);
            for (int i = 0; i < RESTARTS.length; i++) {
                assertThat(chunked.params.get(i)).as("network %d, %d per chunk", i, networksPerChunk)
                        .isEqualTo(whole.params.get(i));
            }
        }
        assertThat(whole.chunks).isEqualTo(1);
    }

    private record Run(int chunks, List<EpochResult> results, List<byte[]> params) {
    }

    private static Run train(TrainingSpec spec, int chunkColumns) {
        try (BatchedTrainer t = new BatchedTrainer(spec, DATA, BatchedFixtures.SEED, WIDTH, RESTARTS, chunkColumns)) {
            List<EpochResult> results = new ArrayList<>();
            for (int e = 0; e < 3; e++) {
                results.addAll(t.trainEpoch());
            }
            List<byte[]> params = new ArrayList<>();
            for (int i = 0; i < RESTARTS.length; i++) {
                params.add(t.parameterBytes(i));
            }
            int chunks = BlockShape.of(spec, DATA.features(), WIDTH, RESTARTS.length, chunkColumns).chunks();
            return new Run(chunks, results, params);
        }
    }
}
