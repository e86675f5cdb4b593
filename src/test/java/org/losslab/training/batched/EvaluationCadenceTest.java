package org.losslab.training.batched;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.Checkpoint;
import org.losslab.training.Dl4jRunTrainer;
import org.losslab.training.EpochResult;

/**
 * The evaluation cadence in both trainers: the training loss only every E epochs and after the last,
 * the test loss every epoch, and no effect on the bits of training (the same parameters, the same
 * values where evaluated, the same after resuming across a skipped evaluation).
 */
class EvaluationCadenceTest {

    static final int WIDTH = 20;
    static final int EPOCHS = 7;
    static final List<Integer> EVALUATED = List.of(3, 6, 7);

    static TrainingSpec spec(int every) {
        return new TrainingSpec(List.of(WIDTH), 1, "relu", 4, EPOCHS, 100, 0.1, 0.95, "uniform", 1.0, "shared", 4,
                "batched", every);
    }

    static List<List<EpochResult>> train(BatchedTrainer t, int epochs) {
        List<List<EpochResult>> out = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            out.add(t.trainEpoch());
        }
        return out;
    }

    @Test
    void batchedTrainerLeavesGapsAndTheSameBits() {
        var data = BatchedFixtures.data(700, 300);
        int[] restarts = {0, 1, 2};
        try (BatchedTrainer every = new BatchedTrainer(spec(1), data, BatchedFixtures.SEED, WIDTH, restarts);
             BatchedTrainer third = new BatchedTrainer(spec(3), data, BatchedFixtures.SEED, WIDTH, restarts)) {
            List<List<EpochResult>> all = train(every, EPOCHS);
            List<List<EpochResult>> gaps = train(third, EPOCHS);
            for (int e = 1; e <= EPOCHS; e++) {
                for (int i = 0; i < restarts.length; i++) {
                    EpochResult full = all.get(e - 1).get(i);
                    EpochResult r = gaps.get(e - 1).get(i);
                    assertThat(r.testLoss()).isEqualTo(full.testLoss());
                    assertThat(r.testError()).isEqualTo(full.testError());
                    if (EVALUATED.contains(e)) {
                        assertThat(r.trainLoss()).as("epoch %d", e).isEqualTo(full.trainLoss());
                        assertThat(r.trainError()).isEqualTo(full.trainError());
                    } else {
                        assertThat(r.trainEvaluated()).as("epoch %d", e).isFalse();
                        assertThat(r.trainError()).isNull();
                        assertThat(r.diverged()).isFalse();
                    }
                }
            }
            for (int i = 0; i < restarts.length; i++) {
                assertThat(third.parameterBytes(i)).isEqualTo(every.parameterBytes(i));
            }
        }
    }

    @Test
    void batchedTrainerResumesAcrossASkippedEvaluationBitForBit() {
        var data = BatchedFixtures.data(700, 300);
        int[] restarts = {5, 6};
        List<List<EpochResult>> uninterrupted;
        List<byte[]> expected = new ArrayList<>();
        try (BatchedTrainer t = new BatchedTrainer(spec(3), data, BatchedFixtures.SEED, WIDTH, restarts)) {
            uninterrupted = train(t, EPOCHS);
            expected.add(t.parameterBytes(0));
            expected.add(t.parameterBytes(1));
        }
        List<Checkpoint> afterFour;
        try (BatchedTrainer t = new BatchedTrainer(spec(3), data, BatchedFixtures.SEED, WIDTH, restarts)) {
            train(t, 4);
            afterFour = t.checkpoints();
        }
        try (BatchedTrainer t = new BatchedTrainer(spec(3), data, BatchedFixtures.SEED, WIDTH, restarts)) {
            t.restore(0, afterFour.get(0));
            t.restore(1, afterFour.get(1));
            List<List<EpochResult>> resumed = train(t, EPOCHS - 4);
            for (int e = 5; e <= EPOCHS; e++) {
                assertThat(resumed.get(e - 5)).as("epoch %d", e).usingRecursiveFieldByFieldElementComparatorIgnoringFields("seconds")
                        .isEqualTo(uninterrupted.get(e - 1));
                assertThat(resumed.get(e - 5).get(0).trainEvaluated()).isEqualTo(EVALUATED.contains(e));
            }
            assertThat(t.parameterBytes(0)).isEqualTo(expected.get(0));
            assertThat(t.parameterBytes(1)).isEqualTo(expected.get(1));
        }
    }

    @Test
    void aDivergingEpochEvaluatesTheTrainingSetToo() {
        var data = BatchedFixtures.data(300, 200);
        TrainingSpec huge = new TrainingSpec(List.of(WIDTH), 1, "relu", 2, EPOCHS, 100, 0.1, 0.95, "uniform", 1e20,
                "shared", 2, "batched", 5);
        try (BatchedTrainer t = new BatchedTrainer(huge, data, BatchedFixtures.SEED, WIDTH, new int[] {0, 1})) {
            EpochResult first = t.trainEpoch().get(0);
            assertThat(first.diverged()).isTrue();
            assertThat(first.trainEvaluated()).as("epoch 1 is off the cadence, but the run ends there").isTrue();
        }
    }

    @Test
    void referenceTrainerLeavesTheSameGaps() {
        var data = BatchedFixtures.data(400, 200);
        Dl4jRunTrainer every = new Dl4jRunTrainer(spec(1), data, BatchedFixtures.SEED, WIDTH, 3);
        Dl4jRunTrainer third = new Dl4jRunTrainer(spec(3), data, BatchedFixtures.SEED, WIDTH, 3);
        for (int e = 1; e <= EPOCHS; e++) {
            EpochResult full = every.trainEpoch();
            EpochResult r = third.trainEpoch();
            assertThat(r.testLoss()).isEqualTo(full.testLoss());
            assertThat(r.trainLoss()).as("epoch %d", e).isEqualTo(EVALUATED.contains(e) ? full.trainLoss() : null);
        }
        assertThat(third.parameterBytes()).isEqualTo(every.parameterBytes());
    }
}
