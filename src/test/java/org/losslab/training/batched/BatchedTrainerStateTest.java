package org.losslab.training.batched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.Checkpoint;
import org.losslab.training.Dl4jRunTrainer;
import org.losslab.training.EpochOrder;
import org.losslab.training.EpochResult;
import org.losslab.training.FloatBytes;
import org.losslab.training.ParameterInit;
import org.losslab.training.PreparedData;

/** Checkpoint export/import (bit-identical resume) and isolation of diverging networks. */
class BatchedTrainerStateTest {

    static final PreparedData DATA = BatchedFixtures.data(950, 400);
    static final int WIDTH = 30;

    @ParameterizedTest(name = "data_order={0}")
    @ValueSource(strings = {"shared", "independent"})
    void exportAfterAnEpochThenImportIntoAFreshTrainerContinuesBitForBit(String order) {
        TrainingSpec spec = BatchedFixtures.spec(1, order, 100, 0.1, 1.0);
        int[] restarts = {4, 8, 15, 16};
        List<List<EpochResult>> uninterrupted = new ArrayList<>();
        List<byte[]> expected = new ArrayList<>();
        try (BatchedTrainer t = new BatchedTrainer(spec, DATA, BatchedFixtures.SEED, WIDTH, restarts)) {
            for (int e = 0; e < 4; e++) {
                uninterrupted.add(t.trainEpoch());
            }
            for (int i = 0; i < restarts.length; i++) {
                expected.add(t.parameterBytes(i));
            }
        }
        List<Checkpoint> saved;
        try (BatchedTrainer first = new BatchedTrainer(spec, DATA, BatchedFixtures.SEED, WIDTH, restarts)) {
            first.trainEpoch();
            first.trainEpoch();
            saved = first.checkpoints();
        }
        // a fresh trainer, restored in a different order than the block order
        try (BatchedTrainer resumed = new BatchedTrainer(spec, DATA, BatchedFixtures.SEED, WIDTH, restarts)) {
            for (int i = restarts.length - 1; i >= 0; i--) {
                resumed.restore(i, saved.get(i));
            }
            assertThat(resumed.epochsDone()).isEqualTo(2);
            for (int e = 2; e < 4; e++) {
                assertThat(resumed.trainEpoch()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("seconds")
                        .isEqualTo(uninterrupted.get(e));
            }
            for (int i = 0; i < restarts.length; i++) {
                assertThat(resumed.parameterBytes(i)).as("restart %d", restarts[i]).isEqualTo(expected.get(i));
                Checkpoint c = resumed.checkpoint(i);
                assertThat(c.epoch()).isEqualTo(4);
                assertThat(c.iteration()).isEqualTo(40);
                assertThat(c.updaterState()).isNull();
                assertThat(c.nextOrderSeed())
                        .isEqualTo(EpochOrder.seed(BatchedFixtures.SEED, "shared".equals(order), WIDTH, restarts[i], 4));
            }
        }
    }

    @Test
    void checkpointsAreInterchangeableWithTheReferenceTrainers() {
        TrainingSpec spec = BatchedFixtures.spec(1, "shared", 100, 0.1, 1.0);
        Dl4jRunTrainer ref = new Dl4jRunTrainer(spec, DATA, BatchedFixtures.SEED, WIDTH, 11);
        ref.trainEpoch();
        try (BatchedTrainer t = new BatchedTrainer(spec, DATA, BatchedFixtures.SEED, WIDTH, new int[] {11})) {
            t.restore(0, ref.checkpoint());
            assertThat(t.parameterBytes(0)).isEqualTo(ref.parameterBytes());
            t.trainEpoch();
            Dl4jRunTrainer back = new Dl4jRunTrainer(spec, DATA, BatchedFixtures.SEED, WIDTH, 11);
            back.restore(t.checkpoint(0));
            assertThat(back.epochsDone()).isEqualTo(2);
            assertThat(back.parameterBytes()).isEqualTo(t.parameterBytes(0));
        }
    }

    @Test
    void restoreRefusesAnotherRunsCheckpoint() {
        TrainingSpec spec = BatchedFixtures.spec(1, "independent", 100, 0.1, 1.0);
        try (BatchedTrainer t = new BatchedTrainer(spec, DATA, BatchedFixtures.SEED, WIDTH, new int[] {1, 2})) {
            Checkpoint ofRestart1 = t.checkpoint(0);
            assertThatThrownBy(() -> t.restore(1, ofRestart1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("restart 2").hasMessageContaining("data-order stream");
            Checkpoint wrongSize = new Checkpoint(0, 0, new byte[40], null, ofRestart1.nextOrderSeed());
            assertThatThrownBy(() -> t.restore(0, wrongSize)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("10 parameters");
        }
    }

    @Test
    void aDivergingNetworkIsFrozenAndDoesNotDisturbTheOthers() {
        TrainingSpec spec = BatchedFixtures.spec(1, "shared", 100, 0.1, 1.0);
        int[] restarts = {0, 5, 9, 12, 3};
        int bad = 2;
        int[] sizes = spec.layerSizes(DATA.features(), WIDTH);
        float[] huge = ParameterInit.draw(sizes, "uniform", 1e30, ParameterInit.seed(BatchedFixtures.SEED, WIDTH, 9));
        Checkpoint poisoned = new Checkpoint(0, 0, FloatBytes.encode(huge), null,
                EpochOrder.seed(BatchedFixtures.SEED, true, WIDTH, 9, 0));
        try (BatchedTrainer t = new BatchedTrainer(spec, DATA, BatchedFixtures.SEED, WIDTH, restarts)) {
            t.restore(bad, poisoned);
            List<EpochResult> first = t.trainEpoch();
            assertThat(first.get(bad).diverged()).isTrue();
            assertThat(t.isActive(bad)).isFalse();
            byte[] frozen = t.parameterBytes(bad);
            for (int e = 1; e < 3; e++) {
                List<EpochResult> later = t.trainEpoch();
                assertThat(later.get(bad)).isNull();
                assertThat(t.checkpoint(bad).epoch()).isEqualTo(1);
                assertThat(t.parameterBytes(bad)).isEqualTo(frozen);
            }
            for (int i = 0; i < restarts.length; i++) {
                if (i == bad) {
                    continue;
                }
                ReferenceRuns.Run ref = ReferenceRuns.run(spec, DATA, WIDTH, restarts[i], 3);
                assertThat(ReferenceRuns.relativeDeviation(FloatBytes.decode(t.parameterBytes(i)), ref.params().get(2)))
                        .as("restart %d", restarts[i]).isLessThan(1e-5);
                assertThat(t.checkpoint(i).epoch()).isEqualTo(3);
            }
            assertThat(t.epochsDone()).isEqualTo(3);
        }
    }

    @Test
    void deactivatedNetworksAreSkipped() {
        TrainingSpec spec = BatchedFixtures.spec(1, "shared", 100, 0.1, 1.0);
        try (BatchedTrainer t = new BatchedTrainer(spec, DATA, BatchedFixtures.SEED, WIDTH, new int[] {0, 5})) {
            byte[] before = t.parameterBytes(0);
            t.deactivate(0);
            List<EpochResult> r = t.trainEpoch();
            assertThat(r.get(0)).isNull();
            assertThat(r.get(1)).isNotNull();
            assertThat(t.parameterBytes(0)).isEqualTo(before);
            assertThat(t.checkpoint(0).epoch()).isZero();
            ReferenceRuns.Run ref = ReferenceRuns.run(spec, DATA, WIDTH, 5, 3);
            assertThat(ReferenceRuns.relativeDeviation(FloatBytes.decode(t.parameterBytes(1)), ref.params().get(0)))
                    .isLessThan(1e-5);
        }
    }
}
