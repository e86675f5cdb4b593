package org.losslab.training.anneal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.losslab.data.Features;
import org.losslab.data.MnistData;
import org.losslab.data.MnistSource;
import org.losslab.training.Checkpoint;
import org.losslab.training.Dl4jNetworks;
import org.losslab.training.FloatBytes;
import org.losslab.training.LossEvaluator;
import org.losslab.training.ParameterInit;
import org.nd4j.linalg.factory.Nd4j;

/** The annealing trainer of the n1 = 25 Choromanska network: exact incremental loss, descent, resume, layout. */
class NetworkAnnealerTest {

    private static final int[] SIZES = {100, 25, 10};
    private static AnnealingData tenK;

    /** The first {@code rows} training images of data/mnist-10k, 10×10 as the training stage feeds them. */
    static synchronized AnnealingData data(int rows) {
        if (tenK == null) {
            MnistData d = MnistSource.load(Path.of("data/mnist-10k"));
            tenK = new AnnealingData(Features.downsampled(d.train(), 10, 10).data(), Features.labels(d.train()), 100);
        }
        float[] x = new float[rows * 100];
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < 100; i++) {
                x[r * 100 + i] = tenK.value(r, i);
            }
            y[r] = tenK.label(r);
        }
        return new AnnealingData(x, y, 100);
    }

    private static float[] init(long restart) {
        return ParameterInit.draw(SIZES, "uniform", 1.0, ParameterInit.seed(20150101L, 25, (int) restart));
    }

    @Test
    void incrementalLossChangesEqualFreshEvaluations() {
        AnnealingData d = data(300);
        OneHiddenLayerLoss model = new OneHiddenLayerLoss(d, 25, init(0));
        SplittableRandom rng = new SplittableRandom(5);
        int p = model.parameterCount();
        // every kind of parameter: W1, b1, W2, b2, with and without commit
        int[] probes = {0, 99, 1234, 2499, 2500, 2524, 2525, 2600, 2774, 2775, 2784};
        for (int round = 0; round < 3; round++) {
            for (int m : probes) {
                float value = (float) (model.parameter(m) + 0.3 * rng.nextGaussian());
                double before = model.meanLoss();
                double delta = model.propose(m, value);
                float[] moved = model.parameters();
                moved[m] = value;
                double fresh = new OneHiddenLayerLoss(d, 25, moved).meanLoss();
                assertThat(before + delta / d.rows()).as("parameter %d", m).isCloseTo(fresh, within(1e-9 * (1 + fresh)));
                if (rng.nextBoolean()) {
                    model.commit();
                    assertThat(model.meanLoss()).isCloseTo(fresh, within(1e-9 * (1 + fresh)));
                }
            }
        }
        float[] now = model.parameters();
        model.rebuild();
        assertThat(model.parameters()).isEqualTo(now);
        assertThat(p).isEqualTo(ParameterInit.parameterCount(SIZES));
    }

    @Test
    void parametersAreReadByLossEvaluatorAsTheAnnealerSeesThem() {
        AnnealingData d = data(500);
        NetworkAnnealer annealer = new NetworkAnnealer(d, SIZES, init(1), new AnnealingTrainerSettings(2, 0.01, 0.05), 1);
        annealer.sweep();
        MultiLayerNetwork net = Dl4jNetworks.mlp(SIZES, 0.1);
        float[] params = FloatBytes.decode(annealer.parameterBytes());
        net.setParams(Nd4j.create(params, new long[] {1, params.length}, 'c'));
        float[] x = new float[500 * 100];
        int[] y = new int[500];
        for (int r = 0; r < 500; r++) {
            for (int i = 0; i < 100; i++) {
                x[r * 100 + i] = d.value(r, i);
            }
            y[r] = d.label(r);
        }
        double[] lossAndError = LossEvaluator.evaluate(net, x, y, 100);
        assertThat(lossAndError[0]).isCloseTo(annealer.trainLoss(), within(1e-5 * annealer.trainLoss()));
    }

    @Test
    void annealingLowersTheTrainingLossFromInitAndEndsAtZeroTemperature() {
        AnnealingData d = data(1000);
        AnnealingTrainerSettings settings = new AnnealingTrainerSettings(30, 1e-3, 0.3);
        NetworkAnnealer annealer = new NetworkAnnealer(d, SIZES, init(2), settings, 2);
        double initial = annealer.trainLoss();
        List<NetworkAnnealer.SweepResult> results = new ArrayList<>();
        while (!annealer.isFinished()) {
            results.add(annealer.sweep());
        }
        NetworkAnnealer.SweepResult last = results.get(results.size() - 1);
        System.out.printf("annealing 1000 rows: loss %.4f -> %.4f; acceptance first %.3f last %.3f; %.2f s per sweep%n",
                initial, last.trainLoss(), results.get(0).acceptance(), last.acceptance(),
                results.stream().mapToDouble(NetworkAnnealer.SweepResult::seconds).average().orElseThrow());
        assertThat(last.temperature()).isZero();
        assertThat(last.trainLoss()).isLessThan(0.25 * initial);
        assertThat(last.sweep()).isEqualTo(30);
    }

    @Test
    void resumeFromAnySweepIsBitIdentical() {
        AnnealingData d = data(200);
        AnnealingTrainerSettings settings = new AnnealingTrainerSettings(6, 0.02, 0.05);
        NetworkAnnealer straight = new NetworkAnnealer(d, SIZES, init(3), settings, 77);
        List<Double> losses = new ArrayList<>();
        while (!straight.isFinished()) {
            losses.add(straight.sweep().trainLoss());
        }
        for (int cut : new int[] {0, 1, 4}) {
            NetworkAnnealer first = new NetworkAnnealer(d, SIZES, init(3), settings, 77);
            for (int k = 0; k < cut; k++) {
                first.sweep();
            }
            Checkpoint c = first.checkpoint();
            assertThat(c.epoch()).isEqualTo(cut);
            NetworkAnnealer resumed = new NetworkAnnealer(d, SIZES, init(3), settings, 77);
            resumed.restore(c);
            List<Double> rest = new ArrayList<>();
            while (!resumed.isFinished()) {
                rest.add(resumed.sweep().trainLoss());
            }
            assertThat(rest).isEqualTo(losses.subList(cut, losses.size()));
            assertThat(resumed.parameterBytes()).isEqualTo(straight.parameterBytes());
        }
    }

    @Test
    void badInput() {
        AnnealingData d = data(10);
        AnnealingTrainerSettings s = new AnnealingTrainerSettings(2, 0.01, 0.05);
        assertThatThrownBy(() -> new NetworkAnnealer(d, new int[] {100, 25, 25, 10}, new float[0], s, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one hidden layer");
        assertThatThrownBy(() -> new NetworkAnnealer(d, SIZES, new float[5], s, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameters");
        assertThatThrownBy(() -> new AnnealingTrainerSettings(0, 0.01, 0.05)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sweeps");
        assertThatThrownBy(() -> new AnnealingTrainerSettings(1, -1, 0.05)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("temperature");
        assertThatThrownBy(() -> new AnnealingData(new float[3], new int[] {1}, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("annealing data");
        assertThatThrownBy(() -> new AnnealingData(new float[2], new int[] {11}, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label");
        NetworkAnnealer other = new NetworkAnnealer(d, SIZES, init(0), s, 2);
        NetworkAnnealer mine = new NetworkAnnealer(d, SIZES, init(0), s, 1);
        assertThatThrownBy(() -> mine.restore(other.checkpoint())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stream");
        assertThat(new AnnealingTrainerSettings(4, 0.01, 0.05).temperature(4)).isZero();
        assertThat(new AnnealingTrainerSettings(4, 0.01, 0.05).step(4)).isEqualTo(0.05 * Math.sqrt(0.25));
    }
}
