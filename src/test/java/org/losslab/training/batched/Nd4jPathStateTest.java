package org.losslab.training.batched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.Checkpoint;
import org.losslab.training.EpochResult;
import org.losslab.training.PreparedData;
import org.nd4j.linalg.api.environment.Nd4jEnvironment;

/** Bit-identical resume of the ND4J path, its memory estimate, and the choice of path and device budget. */
class Nd4jPathStateTest {

    static final PreparedData DATA = BatchedFixtures.data(950, 400);
    static final int WIDTH = 25;

    @ParameterizedTest(name = "data_order={0}")
    @ValueSource(strings = {"shared", "independent"})
    void fourEpochsStraightEqualTwoThenARestartFromCheckpointsThenTwo(String order) {
        TrainingSpec spec = BatchedFixtures.spec(1, order, 100, 0.1, 1.0);
        int[] restarts = {3, 7, 11};
        List<List<EpochResult>> straight = new ArrayList<>();
        List<byte[]> expected = new ArrayList<>();
        try (Nd4jBlockTrainer t = new Nd4jBlockTrainer(spec, DATA, BatchedFixtures.SEED, WIDTH, restarts)) {
            for (int e = 0; e < 4; e++) {
                straight.add(t.trainEpoch());
            }
            for (int i = 0; i < restarts.length; i++) {
                expected.add(t.parameterBytes(i));
            }
        }
        List<Checkpoint> saved;
        try (Nd4jBlockTrainer first = new Nd4jBlockTrainer(spec, DATA, BatchedFixtures.SEED, WIDTH, restarts)) {
            first.trainEpoch();
            first.trainEpoch();
            saved = first.checkpoints();
        }
        try (Nd4jBlockTrainer resumed = new Nd4jBlockTrainer(spec, DATA, BatchedFixtures.SEED, WIDTH, restarts)) {
            for (int i = restarts.length - 1; i >= 0; i--) {
                resumed.restore(i, saved.get(i));
            }
            assertThat(resumed.epochsDone()).isEqualTo(2);
            for (int e = 2; e < 4; e++) {
                assertThat(resumed.trainEpoch()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("seconds")
                        .isEqualTo(straight.get(e));
            }
            for (int i = 0; i < restarts.length; i++) {
                assertThat(resumed.parameterBytes(i)).as("restart %d", restarts[i]).isEqualTo(expected.get(i));
            }
        }
    }

    @Test
    void aDeactivatedNetworkKeepsItsStateAndIsMaskedOutAsOnTheFastPath() {
        TrainingSpec spec = BatchedFixtures.spec(1, "shared", 100, 0.1, 1.0);
        int[] restarts = {1, 2};
        try (BlockTrainer nd4j = BatchedPath.ND4J.open(spec, DATA, BatchedFixtures.SEED, WIDTH, restarts);
             BlockTrainer fast = BatchedPath.FAST.open(spec, DATA, BatchedFixtures.SEED, WIDTH, restarts)) {
            nd4j.trainEpoch();
            fast.trainEpoch();
            byte[] stopped = nd4j.parameterBytes(1);
            nd4j.deactivate(1);
            fast.deactivate(1);
            byte[] running = nd4j.parameterBytes(0);
            List<EpochResult> next = nd4j.trainEpoch();
            fast.trainEpoch();
            assertThat(next.get(1)).isNull();
            assertThat(next.get(0).diverged()).isFalse();
            assertThat(nd4j.parameterBytes(1)).isEqualTo(stopped);
            assertThat(nd4j.parameterBytes(0)).isNotEqualTo(running);
            assertThat(Nd4jPathParityTest.relativeDifference(fast, nd4j)).isLessThanOrEqualTo(
                    Nd4jPathParityTest.PARAMETER_RTOL);
        }
    }

    @ParameterizedTest(name = "data_order={0}")
    @ValueSource(strings = {"shared", "independent"})
    void theMemoryEstimateIsTheAllocation(String order) {
        for (int layers = 1; layers <= 2; layers++) {
            TrainingSpec spec = BatchedFixtures.spec(layers, order, 100, 0.1, 1.0);
            try (Nd4jBlockTrainer t = new Nd4jBlockTrainer(spec, DATA, 1, WIDTH, new int[] {0, 1, 2})) {
                long[] estimate = Nd4jMemory.bytes(spec, DATA.features(), WIDTH, 3,
                        DATA.trainCount() + DATA.testCount());
                assertThat(t.allocatedBytes()[0]).as("%s, %d layers", order, layers).isEqualTo(estimate[0]);
            }
        }
    }

    @Test
    void blockSizeFromDeviceMemory() {
        TrainingSpec spec = BatchedFixtures.spec(1, "shared", 100, 0.1, 1.0);
        long rows = 70_000;
        long budget = Nd4jMemory.bytes(spec, 784, 100, 37, rows)[0];
        assertThat(Nd4jMemory.maxNetworks(spec, 784, 100, rows, budget, Long.MAX_VALUE, 1000)).isEqualTo(37);
        assertThat(Nd4jMemory.maxNetworks(spec, 784, 100, rows, budget - 1, Long.MAX_VALUE, 1000)).isEqualTo(36);
        assertThat(Nd4jMemory.maxNetworks(spec, 784, 100, rows, budget, Long.MAX_VALUE, 20)).isEqualTo(20);
        assertThat(Nd4jMemory.maxNetworks(spec, 784, 100, rows, 1000, Long.MAX_VALUE, 20)).isZero();
        // an 8 GiB GPU: the data sets (70,000 × (785 + 10) floats) once, then about 0.8 MB per network of width 100
        long gpu = 8L << 30;
        int k = Nd4jMemory.maxNetworks(spec, 784, 100, rows, (long) (gpu * 0.7), Long.MAX_VALUE, 100_000);
        assertThat(Nd4jMemory.bytes(spec, 784, 100, k, rows)[0]).isLessThanOrEqualTo((long) (gpu * 0.7));
        assertThat(Nd4jMemory.bytes(spec, 784, 100, k + 1, rows)[0]).isGreaterThan((long) (gpu * 0.7));
    }

    @Test
    void deviceFreeMemoryIsReadFromTheCudaEnvironmentAndAbsentOnTheCpu() {
        Properties cuda = new Properties();
        cuda.put(Nd4jEnvironment.CUDA_DEVICE_INFORMATION_KEY, List.of(
                Map.of(Nd4jEnvironment.CUDA_FREE_MEMORY_KEY, 7_000_000_000L),
                Map.of(Nd4jEnvironment.CUDA_FREE_MEMORY_KEY, 3_000_000_000L)));
        assertThat(Nd4jMemory.deviceFreeBytes(cuda, 1)).hasValue(3_000_000_000L);
        assertThat(Nd4jMemory.deviceFreeBytes(cuda, 0)).hasValue(7_000_000_000L);
        assertThat(Nd4jMemory.deviceFreeBytes(cuda, 5)).hasValue(7_000_000_000L);
        assertThat(Nd4jMemory.deviceFreeBytes(new Properties(), 0)).isEmpty();
    }

    @Test
    void theBackendChoosesThePathAndTheOverrideForcesIt() {
        assertThat(BatchedPath.choose(null, "CpuBackend")).isEqualTo(BatchedPath.FAST);
        assertThat(BatchedPath.choose("auto", "CpuBackend")).isEqualTo(BatchedPath.FAST);
        assertThat(BatchedPath.choose(null, "JCublasBackend")).isEqualTo(BatchedPath.ND4J);
        assertThat(BatchedPath.choose(" ND4J ", "CpuBackend")).isEqualTo(BatchedPath.ND4J);
        assertThat(BatchedPath.choose("fast", "CpuBackend")).isEqualTo(BatchedPath.FAST);
        assertThatThrownBy(() -> BatchedPath.choose("fast", "JCublasBackend"))
                .hasMessageContaining("losslab.batched.path=fast").hasMessageContaining("JCublasBackend");
        assertThatThrownBy(() -> BatchedPath.choose("gpu", "CpuBackend"))
                .hasMessage("losslab.batched.path=gpu: expected auto, fast or nd4j");
        assertThat(BatchedPath.current()).isEqualTo(BatchedPath.FAST);
    }
}
