package org.losslab.training.batched;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.PreparedData;

class BatchedMemoryTest {

    @Test
    void theEstimateIsWhatTheTrainerAllocates() {
        PreparedData data = BatchedFixtures.data(300, 100);
        for (String order : new String[] {"shared", "independent"}) {
            for (int layers = 1; layers <= 2; layers++) {
                TrainingSpec spec = BatchedFixtures.spec(layers, order, 50, 0.1, 1.0);
                // 3 networks of width 40: one chunk; 30 of width 100: chunks of 25 and 5, which share one region;
                // 40 of width 20: feature-major
                for (int[] kw : new int[][] {{3, 40}, {30, 100}, {40, 20}}) {
                    int k = kw[0];
                    int width = kw[1];
                    try (BatchedTrainer t = new BatchedTrainer(spec, data, BatchedFixtures.SEED, width,
                            java.util.stream.IntStream.range(0, k).toArray())) {
                        long[] estimate = BatchedMemory.bytes(spec, 100, width, k, data.trainCount());
                        long[] actual = t.allocatedBytes();
                        assertThat(actual[0]).as("off-heap, %s, %d layers, K=%d n1=%d", order, layers, k, width)
                                .isEqualTo(estimate[0]);
                        assertThat(actual[1]).as("heap, %s, %d layers, K=%d n1=%d", order, layers, k, width)
                                .isLessThanOrEqualTo(estimate[1]);
                    }
                }
            }
        }
    }

    @Test
    void paperScaleBlockSizes() {
        TrainingSpec spec = BatchedFixtures.spec(1, "shared", 100, 0.1, 1.0);
        long[] b = BatchedMemory.bytes(spec, 100, 500, 1000, 8000);
        // W1 (101 x 500k) + activations + gradient of one chunk (2 x 512 x 2,500: 500 evaluation rows padded to
        // 16-float rows) + W2 (10 x 500k) + logits (1000 x 500 x 10) + input + ones, 4 bytes a float
        long floats = 101L * 500_000 + 2L * 512 * 2_500 + 10L * 500_000 + 1000L * 500 * 10 + 500 * 101 + 512;
        assertThat(b[0]).isEqualTo(4 * floats);
        assertThat(b[0]).isBetween(240_000_000L, 260_000_000L); // 600-700 MB before lever 20
        assertThat(b[1]).isLessThan(60_000_000L); // the logits of 500 evaluation rows, twice, on the heap
    }

    @Test
    void maxNetworksIsTheLargestBlockWithinTheBudget() {
        TrainingSpec spec = BatchedFixtures.spec(1, "shared", 100, 0.1, 1.0);
        long budget = 1L << 30;
        int k = BatchedMemory.maxNetworks(spec, 100, 500, 8000, budget, budget, 1_000_000);
        assertThat(BatchedMemory.bytes(spec, 100, 500, k, 8000)[0]).isLessThanOrEqualTo(budget);
        assertThat(BatchedMemory.bytes(spec, 100, 500, k + 1, 8000)[0]).isGreaterThan(budget);
        // about 240 KB a network (W1, W2, 500 rows of logits) and one chunk's activations (lever 20; 1500-1800 before)
        assertThat(k).isBetween(4400, 4900);
        assertThat(BatchedMemory.maxNetworks(spec, 100, 25, 8000, budget, budget, 1000)).isEqualTo(1000);
        assertThat(BatchedMemory.maxNetworks(spec, 100, 500, 8000, 1000, budget, 1000)).isZero();
        TrainingSpec independent = BatchedFixtures.spec(1, "independent", 100, 0.1, 1.0);
        assertThat(BatchedMemory.maxNetworks(independent, 100, 500, 8000, budget, budget, 1_000_000)).isLessThan(k);
        assertThat(BatchedMemory.maxNetworksForThisJvm(spec, 100, 100, 8000, 0.5, 1000)).isEqualTo(1000);
    }

    /**
     * Evaluation blocks take the most rows (in steps of the training rows, at most 500) whose buffers fit
     * 128 MiB, with the bytes per row measured from what the buffers allocate; wide blocks keep 100 rows.
     */
    @ParameterizedTest(name = "K={0}, n1={1}: {2} rows")
    @CsvSource({"3,40,500", "250,25,500", "250,100,500", "1000,25,500", "1000,40,500", "600,100,500", "250,500,500",
        "3000,100,300", "5000,500,200"})
    void evaluationBlocksAreAsLargeAsTheRowBudgetAllows(int k, int width, int expected) {
        TrainingSpec spec = BatchedFixtures.spec(1, "shared", 100, 0.1, 1.0);
        int rows = BatchedMemory.evalRows(k, 100, width, 1, 100);
        assertThat(rows).isEqualTo(expected);
        // row-sized bytes: a per 16-float-padded row (activations, gradient, logits), b per row (inputs, labels)
        long b = (allocated(spec, k, width, 128) - allocated(spec, k, width, 120)) / 8;
        long a = (allocated(spec, k, width, 128) - allocated(spec, k, width, 112)) / 16 - b;
        java.util.function.IntToLongFunction rowBytes = r -> BlockShape.lead(r) * a + r * b;
        if (rows > 100) {
            assertThat(rowBytes.applyAsLong(rows)).isLessThanOrEqualTo(BatchedMemory.EVAL_BYTES);
        }
        assertThat(rows + 100 > BatchedMemory.EVAL_ROWS_MAX || rowBytes.applyAsLong(rows + 100) > BatchedMemory.EVAL_BYTES)
                .as("the next multiple of 100 rows would exceed the budget or the maximum").isTrue();
    }

    @Test
    void evaluationRowsAreMultiplesOfTheTrainingRowsAndNeverFewer() {
        assertThat(BatchedMemory.evalRows(250, 100, 25, 1, 256)).isEqualTo(256);
        assertThat(BatchedMemory.evalRows(250, 100, 25, 1, 20)).isEqualTo(500);
        assertThat(BatchedMemory.evalRows(250, 100, 25, 1, 1000)).isEqualTo(1000);
        assertThat(BatchedMemory.evalRows(250, 100, 100, 2, 100)).isEqualTo(500);
        assertThat(BatchedMemory.evalRows(100_000, 784, 500, 1, 100)).isEqualTo(100);
    }

    private static long allocated(TrainingSpec spec, int k, int width, int evalRows) {
        BlockBuffers b = new BlockBuffers(BlockShape.of(spec, 100, width, k, BlockShape.defaultChunkColumns(k, width),
                evalRows));
        try {
            long[] bytes = b.allocatedBytes();
            return bytes[0] + bytes[1];
        } finally {
            b.close();
        }
    }
}
