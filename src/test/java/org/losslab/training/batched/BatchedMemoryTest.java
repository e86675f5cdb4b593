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
                try (BatchedTrainer t = new BatchedTrainer(spec, data, BatchedFixtures.SEED, 40, new int[] {1, 2, 3})) {
                    long[] estimate = BatchedMemory.bytes(spec, 100, 40, 3, data.trainCount());
                    long[] actual = t.allocatedBytes();
                    assertThat(actual[0]).as("off-heap, %s, %d layers", order, layers).isEqualTo(estimate[0]);
                    assertThat(actual[1]).as("heap, %s, %d layers", order, layers).isLessThanOrEqualTo(estimate[1]);
                }
            }
        }
    }

    @Test
    void paperScaleBlockSizes() {
        TrainingSpec spec = BatchedFixtures.spec(1, "shared", 100, 0.1, 1.0);
        long[] b = BatchedMemory.bytes(spec, 100, 500, 1000, 8000);
        // W1 (101 x 500k) + activations + gradient (2 x 112 x 500k: 100 rows padded to 16-float rows) + W2 (10 x 500k)
        // + logits (1000 x 100 x 10) + input + ones, 4 bytes a float
        long floats = 101L * 500_000 + 2L * 112 * 500_000 + 10L * 500_000 + 1000L * 100 * 10 + 100 * 101 + 112;
        assertThat(b[0]).isEqualTo(4 * floats);
        assertThat(b[0]).isBetween(600_000_000L, 700_000_000L);
        assertThat(b[1]).isLessThan(20_000_000L);
    }

    @Test
    void maxNetworksIsTheLargestBlockWithinTheBudget() {
        TrainingSpec spec = BatchedFixtures.spec(1, "shared", 100, 0.1, 1.0);
        long budget = 1L << 30;
        int k = BatchedMemory.maxNetworks(spec, 100, 500, 8000, budget, budget, 1_000_000);
        assertThat(BatchedMemory.bytes(spec, 100, 500, k, 8000)[0]).isLessThanOrEqualTo(budget);
        assertThat(BatchedMemory.bytes(spec, 100, 500, k + 1, 8000)[0]).isGreaterThan(budget);
        assertThat(k).isBetween(1500, 1800);
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
    @CsvSource({"3,40,500", "250,25,500", "250,100,500", "1000,25,500", "1000,40,300", "600,100,200", "250,500,100"})
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
        assertThat(BatchedMemory.evalRows(250, 100, 100, 2, 100)).isEqualTo(400);
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
