package org.losslab.training.batched;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.EpochResult;
import org.losslab.training.FloatBytes;
import org.losslab.training.PreparedData;

/**
 * The ND4J path against the fast path on the CPU: same seed and spec, several epochs, parameters and
 * losses of every network compared after each epoch.
 */
class Nd4jPathParityTest {

    static final PreparedData DATA = BatchedFixtures.data(1000, 400);
    static final int EPOCHS = 6;
    /** Largest parameter difference relative to the network's largest parameter; see docs/performance.md. */
    static final double PARAMETER_RTOL = 1e-5;

    @ParameterizedTest(name = "width={0} hidden_layers={1} data_order={2}")
    @CsvSource({"25, 1, shared", "25, 2, shared", "25, 1, independent", "40, 1, shared", "40, 2, independent"})
    void bothPathsTrainTheSameNetworks(int width, int layers, String order) {
        TrainingSpec spec = BatchedFixtures.spec(layers, order, 100, 0.1, 1.0);
        int[] restarts = {0, 1, 2};
        try (BlockTrainer fast = BatchedPath.FAST.open(spec, DATA, BatchedFixtures.SEED, width, restarts);
             BlockTrainer nd4j = BatchedPath.ND4J.open(spec, DATA, BatchedFixtures.SEED, width, restarts)) {
            assertThat(relativeDifference(fast, nd4j)).as("initial parameters").isZero();
            for (int e = 1; e <= EPOCHS; e++) {
                List<EpochResult> a = fast.trainEpoch();
                List<EpochResult> b = nd4j.trainEpoch();
                double d = relativeDifference(fast, nd4j);
                System.out.printf("parity width=%d layers=%d order=%s epoch=%d max_rel_param_diff=%.3g%n", width,
                        layers, order, e, d);
                assertThat(d).as("epoch %d", e).isLessThanOrEqualTo(PARAMETER_RTOL);
                for (int i = 0; i < restarts.length; i++) {
                    assertThat(b.get(i).testLoss()).isCloseTo(a.get(i).testLoss(),
                            org.assertj.core.data.Percentage.withPercentage(1e-3));
                    assertThat(b.get(i).testError()).isEqualTo(a.get(i).testError());
                }
            }
        }
    }

    /** max over networks of max_j |a_j − b_j| / max_j |a_j|. */
    static double relativeDifference(BlockTrainer x, BlockTrainer y) {
        double worst = 0;
        for (int i = 0; i < x.size(); i++) {
            float[] a = FloatBytes.decode(x.parameterBytes(i));
            float[] b = FloatBytes.decode(y.parameterBytes(i));
            double diff = 0;
            double scale = 0;
            for (int j = 0; j < a.length; j++) {
                diff = Math.max(diff, Math.abs((double) a[j] - b[j]));
                scale = Math.max(scale, Math.abs(a[j]));
            }
            worst = Math.max(worst, diff / scale);
        }
        return worst;
    }

    static List<byte[]> parameters(BlockTrainer t) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            out.add(t.parameterBytes(i));
        }
        return out;
    }
}
