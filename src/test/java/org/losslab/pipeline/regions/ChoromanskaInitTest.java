package org.losslab.pipeline.regions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.losslab.pipeline.training.TrainedRun;
import org.losslab.training.Dl4jRunTrainer;
import org.losslab.training.FloatBytes;
import org.losslab.training.ParameterInit;
import org.losslab.training.PreparedData;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.batched.BatchedTrainer;

/**
 * The {@code random} state of a {@code choromanska} region network is re-derived, not stored: it must
 * be bit for bit the parameters both trainers start from (science.md §A.5.2), for both init rules and
 * several hidden layers, and a stored seed that is not the trainers' is refused.
 */
class ChoromanskaInitTest {

    static final long SPEC_SEED = 20150101L;

    @Test
    void reDerivedInitialParametersAreWhatBothTrainersStartFrom() {
        PreparedData data = data(16, 40, 10);
        for (String init : List.of("uniform", "uniform_fan_in")) {
            for (int layers : new int[] {1, 2}) {
                TrainingSpec t = new TrainingSpec(List.of(6), layers, "relu", 3, 1, 10, 0.1, 1.0, init, 0.5,
                        "independent", 3);
                int[] restarts = {0, 1, 2};
                try (BatchedTrainer batched = new BatchedTrainer(t, data, SPEC_SEED, 6, restarts)) {
                    for (int r : restarts) {
                        TrainedRun run = new TrainedRun(r, "run-" + r,
                                t.layerSizes(data.features(), 6), "relu", ParameterInit.seed(SPEC_SEED, 6, r), r, 0, 1);
                        byte[] derived = FloatBytes.encode(ChoromanskaNetworks.initialParameters(t, SPEC_SEED, run));
                        assertThat(derived).as("%s, %d layers, restart %d: batched", init, layers, r)
                                .isEqualTo(batched.parameterBytes(r));
                        assertThat(derived).as("%s, %d layers, restart %d: dl4j", init, layers, r)
                                .isEqualTo(new Dl4jRunTrainer(t, data, SPEC_SEED, 6, r).parameterBytes());
                    }
                }
            }
        }
    }

    /** The sampled network (identity dense + ReLU layers) computes the trainers' function, for any depth. */
    @Test
    void theRebuiltNetworkIsTheTrainersNetwork() {
        for (int layers : new int[] {1, 3}) {
            TrainingSpec t = new TrainingSpec(List.of(7), layers, "relu", 1, 1, 10, 0.1, 1.0, "uniform_fan_in", 1.0,
                    "independent", 1);
            int[] sizes = t.layerSizes(16, 7);
            TrainedRun run = new TrainedRun(0, "run-0", sizes, "relu",
                    ParameterInit.seed(SPEC_SEED, 7, 0), 0, 0, 1);
            float[] p = ChoromanskaNetworks.initialParameters(t, SPEC_SEED, run);
            SplittableRandom rng = new SplittableRandom(layers);
            for (int i = 0; i < p.length; i++) {
                p[i] += (float) (0.1 * rng.nextDouble()); // non-zero biases too
            }
            org.deeplearning4j.nn.multilayer.MultiLayerNetwork trainers = org.losslab.training.Dl4jNetworks.mlp(sizes, 0.1);
            trainers.setParams(org.nd4j.linalg.factory.Nd4j.create(p, new long[] {1, p.length}, 'c'));
            org.nd4j.linalg.api.ndarray.INDArray x = org.nd4j.linalg.factory.Nd4j.create(data(16, 20, 1).trainX(),
                    new long[] {20, 16}, 'c');
            assertThat(ChoromanskaNetworks.network(run, p).output(x, false).sub(trainers.output(x, false))
                    .amaxNumber().doubleValue()).as("%d hidden layers", layers).isLessThan(1e-6);
        }
    }

    @Test
    void aRunWhoseSeedIsNotTheTrainersIsRefused() {
        TrainingSpec t = new TrainingSpec(List.of(6), 1, "relu", 1, 1, 10, 0.1, 1.0, "uniform", 1.0, "independent", 1);
        TrainedRun run = new TrainedRun(1, "run-0", new int[] {16, 6, 10}, "relu", 12345L,
                0, 0, 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChoromanskaNetworks.initialParameters(t, SPEC_SEED, run))
                .hasMessageContaining("not the trainers' initialisation seed");
    }

    static PreparedData data(int features, int rows, int test) {
        SplittableRandom rng = new SplittableRandom(7);
        float[] x = new float[rows * features];
        float[] tx = new float[test * features];
        int[] y = new int[rows];
        int[] ty = new int[test];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble();
        }
        for (int i = 0; i < tx.length; i++) {
            tx[i] = (float) rng.nextDouble();
        }
        for (int i = 0; i < rows; i++) {
            y[i] = i % 10;
        }
        for (int i = 0; i < test; i++) {
            ty[i] = i % 10;
        }
        return new PreparedData(x, y, tx, ty, features, "synthetic");
    }
}
