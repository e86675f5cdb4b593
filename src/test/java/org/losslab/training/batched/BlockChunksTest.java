package org.losslab.training.batched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.EpochResult;
import org.losslab.training.PreparedData;

/**
 * Chunks of {@link BlockShape}: every operation stays per network, so the chunk size only changes the
 * first-layer products' shapes, and with them OpenBLAS's summation order (measured: the last bits differ).
 * One network per chunk, uneven chunks and one chunk of all K agree to float precision, and the same chunks
 * give the same bits again (the chunk size is a function of K and the width only, so resume is exact).
 */
class BlockChunksTest {

    static final PreparedData DATA = BatchedFixtures.data(450, 230);
    static final int WIDTH = 20;
    static final int[] RESTARTS = {3, 1, 4, 15, 9};

    @ParameterizedTest(name = "hidden layers {0}, data_order={1}")
    @CsvSource({"1, shared", "1, independent", "2, shared", "2, independent"})
    void chunkSizesAgreeToFloatPrecisionAndEachIsReproducible(int hiddenLayers, String order) {
        TrainingSpec spec = BatchedFixtures.spec(hiddenLayers, order, 100, 0.1, 1.0);
        Run whole = train(spec, Integer.MAX_VALUE);
        assertThat(whole.chunks).isEqualTo(1);
        for (int networksPerChunk : new int[] {1, 2}) {
            Run chunked = train(spec, networksPerChunk * WIDTH);
            assertThat(chunked.chunks).as("chunks").isEqualTo((RESTARTS.length + networksPerChunk - 1) / networksPerChunk);
            for (int e = 0; e < whole.results.size(); e++) {
                EpochResult a = whole.results.get(e);
                EpochResult b = chunked.results.get(e);
                assertThat(b.testLoss()).as("test loss %d", e).isCloseTo(a.testLoss(), within(1e-5 * a.testLoss()));
                assertThat(b.trainLoss()).as("train loss %d", e).isCloseTo(a.trainLoss(), within(1e-5 * a.trainLoss()));
            }
            Run again = train(spec, networksPerChunk * WIDTH);
            assertThat(again.results).usingRecursiveFieldByFieldElementComparatorIgnoringFields("seconds")
                    .isEqualTo(chunked.results);
            for (int i = 0; i < RESTARTS.length; i++) {
                assertThat(again.params.get(i)).as("network %d, %d per chunk", i, networksPerChunk)
                        .isEqualTo(chunked.params.get(i));
            }
        }
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
