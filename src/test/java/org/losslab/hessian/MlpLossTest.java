package org.losslab.hessian;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.training.EpochResult;
import org.losslab.training.PreparedData;
import org.losslab.training.batched.BatchedTrainer;

class MlpLossTest {

    static final PreparedData DATA = HessianFixtures.data(600, 10);

    @Test
    void lossAtStoredParametersIsTheDl4jTrainersReportedTrainingLoss() {
        for (int layers = 1; layers <= 2; layers++) {
            HessianFixtures.Trained t = HessianFixtures.trained(DATA, layers, 12, 3, 2);
            try (TrainingSet set = TrainingSet.of(DATA)) {
                double ours = MlpLoss.loss(t.shape(), t.theta(), set);
                System.out.printf("dl4j layers=%d reported %.10g ours %.10g rel %.3g%n", layers, t.last().trainLoss(), ours,
                        Math.abs(ours - t.last().trainLoss()) / ours);
            }
        }
    }

    @Test
    void lossAtStoredParametersIsTheBatchedTrainersReportedTrainingLoss() {
        int[] restarts = {0, 1, 2};
        try (BatchedTrainer b = new BatchedTrainer(HessianFixtures.spec(1, "batched"), DATA, HessianFixtures.SEED, 12,
                restarts); TrainingSet set = TrainingSet.of(DATA)) {
            List<EpochResult> last = b.trainEpoch();
            last = b.trainEpoch();
            MlpShape shape = MlpShape.of(100, 1, 12);
            for (int i = 0; i < restarts.length; i++) {
                double ours = MlpLoss.loss(shape, shape.decode(b.parameterBytes(i)), set);
                System.out.printf("batched reported %.10g ours %.10g rel %.3g%n", last.get(i).trainLoss(), ours,
                        Math.abs(ours - last.get(i).trainLoss()) / ours);
            }
        }
    }

    @Test
    void gradientIsTheCentralDifferenceOfTheLoss() {
        HessianFixtures.Trained t = HessianFixtures.trained(DATA, 1, 6, 1, 2);
        try (TrainingSet set = TrainingSet.of(DATA)) {
            double[] theta = t.theta();
            MlpLoss.Value v = MlpLoss.lossAndGradient(t.shape(), theta, set);
            double[] u = HessianFixtures.unitVector(theta.length, 7);
            double h = 1e-5;
            double fd = (MlpLoss.loss(t.shape(), HessianFixtures.axpy(theta, h, u), set)
                    - MlpLoss.loss(t.shape(), HessianFixtures.axpy(theta, -h, u), set)) / (2 * h);
            double dir = 0;
            for (int i = 0; i < u.length; i++) {
                dir += v.gradient()[i] * u[i];
            }
            System.out.printf("grad dir %.12g fd %.12g norm %.4g%n", dir, fd, v.gradientNorm());
        }
    }
}
