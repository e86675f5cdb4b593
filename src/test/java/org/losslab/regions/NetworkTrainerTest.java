package org.losslab.regions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.losslab.activations.PiecewiseLinear;

class NetworkTrainerTest {

    @Test
    void trainingIsSeededAndLearnsTheSyntheticDigits() {
        PlainDataset train = StreamingSamplerTest.syntheticImages(400, 1);
        PlainDataset test = StreamingSamplerTest.syntheticImages(200, 2);
        MultiLayerNetwork a = RegionNetworks.mnistMlp(new int[] {32}, PiecewiseLinear.relu(), 5);
        MultiLayerNetwork b = RegionNetworks.mnistMlp(new int[] {32}, PiecewiseLinear.relu(), 5);
        double before = NetworkTrainer.accuracy(a, test, 64);
        NetworkTrainer.Report ra = NetworkTrainer.train(a, train, test, new NetworkTrainer.Options(3, 32, 9));
        NetworkTrainer.Report rb = NetworkTrainer.train(b, train, test, new NetworkTrainer.Options(3, 32, 9));
        assertThat(ra.epochLoss()).isEqualTo(rb.epochLoss());
        assertThat(a.params()).isEqualTo(b.params());
        assertThat(ra.epochLoss().get(2)).isLessThan(ra.epochLoss().get(0));
        assertThat(ra.testAccuracy()).isGreaterThan(Math.max(0.5, before));
        assertThat(ra.testSize()).isEqualTo(200);
    }

    @Test
    void shuffleIsAPermutationAndOptionsAreValidated() {
        int[] order = NetworkTrainer.shuffled(1000, 3);
        assertThat(order).hasSize(1000);
        assertThat(java.util.Arrays.stream(order).sorted().toArray()).isEqualTo(java.util.stream.IntStream.range(0, 1000).toArray());
        assertThat(order).isNotEqualTo(NetworkTrainer.shuffled(1000, 4));
        assertThatThrownBy(() -> new NetworkTrainer.Options(1, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch size");
    }
}
