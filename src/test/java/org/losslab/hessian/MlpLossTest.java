package org.losslab.hessian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.training.EpochResult;
import org.losslab.training.PreparedData;
import org.losslab.training.batched.BatchedTrainer;

/**
 * The kernel's loss is the trainers' training loss, which proves the parameter layout and byte order:
 * at the stored parameters it equals the final training loss the trainers report. They evaluate the
 * logits in float32 (relative rounding 2⁻²⁴ ≈ 6e−8 per operation, summed over 100 inputs) and accumulate
 * in double; the kernel is double throughout. Observed agreement: ≤ 5e−9 relative; tolerance 1e−6, far
 * below what any layout error (a transposed block, a swapped bias) changes, which is O(1).
 */
class MlpLossTest {

    static final PreparedData DATA = HessianFixtures.data(600, 10);
    static final double FLOAT_TOLERANCE = 1e-6;

    @Test
    void lossAtStoredParametersIsTheDl4jTrainersReportedTrainingLoss() {
        try (TrainingSet set = TrainingSet.of(DATA)) {
            for (int layers = 1; layers <= 2; layers++) {
                HessianFixtures.Trained t = HessianFixtures.trained(DATA, layers, 12, 3, 2);
                double reported = t.last().trainLoss();
                assertThat(MlpLoss.loss(t.shape(), t.theta(), set)).as("%d hidden layers", layers)
                        .isCloseTo(reported, within(FLOAT_TOLERANCE * reported));
            }
        }
    }

    @Test
    void lossAtStoredParametersIsTheBatchedTrainersReportedTrainingLoss() {
        int[] restarts = {0, 1, 2};
        for (int layers = 1; layers <= 2; layers++) {
            try (BatchedTrainer b = new BatchedTrainer(HessianFixtures.spec(layers, "batched"), DATA,
                    HessianFixtures.SEED, 12, restarts); TrainingSet set = TrainingSet.of(DATA)) {
                b.trainEpoch();
                List<EpochResult> last = b.trainEpoch();
                MlpShape shape = MlpShape.of(100, layers, 12);
                for (int i = 0; i < restarts.length; i++) {
                    double reported = last.get(i).trainLoss();
                    assertThat(MlpLoss.loss(shape, shape.decode(b.parameterBytes(i)), set))
                            .isCloseTo(reported, within(FLOAT_TOLERANCE * reported));
                }
            }
        }
    }

    @Test
    void lossIsTheBruteForceDoubleLoop() {
        try (TrainingSet set = TrainingSet.of(DATA)) {
            for (int layers = 1; layers <= 3; layers++) {
                HessianFixtures.Trained t = HessianFixtures.trained(DATA, layers, 5, 1, 1);
                double brute = BruteForceMlp.loss(t.shape(), t.theta(), DATA);
                assertThat(MlpLoss.loss(t.shape(), t.theta(), set)).isCloseTo(brute, within(1e-12 * brute));
            }
        }
    }

    /**
     * Central differences with step 1e−6 along unit directions (truncation ~1e−12, rounding of the loss
     * ~1e−14/h = 1e−8 absolute), where no ReLU changes sides between θ − hv and θ + hv: across a kink a
     * difference quotient measures the average of two slopes, not the derivative. The point is the trained
     * one moved by 1e−3 at random, because a trained network can have pre-activations exactly 0 (a row on
     * which a whole layer is inactive meets a zero bias), where the loss has no derivative at all.
     */
    @Test
    void gradientIsTheCentralDifferenceOfTheLoss() {
        try (TrainingSet set = TrainingSet.of(DATA)) {
            for (int layers = 1; layers <= 2; layers++) {
                HessianFixtures.Trained t = HessianFixtures.trained(DATA, layers, 6, 1, 2);
                double[] theta = HessianFixtures.axpy(t.theta(), 1e-3, HessianFixtures.unitVector(t.theta().length, 99));
                MlpLoss.Value v = MlpLoss.lossAndGradient(t.shape(), theta, set);
                assertThat(v.loss()).isEqualTo(MlpLoss.loss(t.shape(), theta, set));
                int checked = 0;
                for (long seed = 1; seed <= 10 && checked < 3; seed++) {
                    double[] u = HessianFixtures.unitVector(theta.length, seed);
                    double h = 1e-6;
                    if (!BruteForceMlp.samePattern(t.shape(), theta, u, h, DATA)) {
                        continue;
                    }
                    checked++;
                    double fd = (MlpLoss.loss(t.shape(), HessianFixtures.axpy(theta, h, u), set)
                            - MlpLoss.loss(t.shape(), HessianFixtures.axpy(theta, -h, u), set)) / (2 * h);
                    double directional = 0;
                    for (int i = 0; i < u.length; i++) {
                        directional += v.gradient()[i] * u[i];
                    }
                    assertThat(fd).isCloseTo(directional, within(1e-6 * v.gradientNorm()));
                }
                assertThat(checked).as("directions without a kink").isEqualTo(3);
            }
        }
    }
}
