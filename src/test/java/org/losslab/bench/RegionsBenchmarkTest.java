package org.losslab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.losslab.activations.PiecewiseLinear;
import org.losslab.bench.TrainingBenchmark.Result;
import org.losslab.data.Features;
import org.losslab.data.MnistData;
import org.losslab.data.MnistSource;
import org.losslab.regions.HiddenLayer;
import org.losslab.regions.PlainDataset;
import org.losslab.regions.PreActivationSampler;
import org.losslab.regions.RegionNetworks;

/** The regions benchmark harness at a tiny size: what it counts and which inputs it uses (not how fast). */
class RegionsBenchmarkTest {

    static final Path DATA = Path.of("data/mnist-10k");

    @Test
    void countsEveryHiddenPreActivationOfEveryConfiguration() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        List<Result> results = RegionsBenchmark.run(100, 2, new PrintStream(text, true, StandardCharsets.UTF_8), DATA);
        Map<String, Double> v = results.stream().collect(Collectors.toMap(Result::name, Result::value));
        int mlpUnits = units(RegionNetworks.mnistMlp(PiecewiseLinear.relu(), 1));
        int lenetUnits = units(RegionNetworks.lenet5(PiecewiseLinear.relu(), 1));
        assertThat(mlpUnits).isEqualTo(3 * 512);
        for (String arch : List.of("mlp", "lenet")) {
            for (String f : List.of("relu", "hardtanh")) {
                for (String input : List.of("mnist", "gaussian")) {
                    String key = arch + "_" + f + "_" + input;
                    assertThat(v.get(key + "_hidden_units")).isEqualTo(arch.equals("mlp") ? mlpUnits : lenetUnits);
                    double rate = v.get(key + "_preactivations_per_s");
                    assertThat(rate * v.get(key + "_wall_seconds")).as(key)
                            .isCloseTo(100.0 * v.get(key + "_hidden_units"), org.assertj.core.api.Assertions.within(1e-3));
                    assertThat(v.get(key + "_peak_rss_bytes")).as(key).isPositive();
                    assertThat(v.get(key + "_peak_heap_bytes")).as(key).isPositive();
                }
            }
        }
        assertThat(v.get("inputs")).isEqualTo(100);
        assertThat(v.get("sampling_threads")).isEqualTo(1);
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("lenet     hardtanh   gaussian")
                .contains("mlp_relu_mnist_preactivations_per_s ");
    }

    @Test
    void mnistInputsAreTheTestImagesThenTrainingImages() {
        MnistData d = MnistSource.load(DATA);
        float[] test = Features.pixels(d.test()).data();
        float[] train = Features.pixels(d.train()).data();
        int testRows = test.length / 784;
        PlainDataset x = RegionsBenchmark.mnistInputs(DATA, testRows + 3);
        assertThat(x.size()).isEqualTo(testRows + 3);
        assertThat(Arrays.copyOfRange(x.features(), 0, testRows * 784)).isEqualTo(test);
        assertThat(Arrays.copyOfRange(x.features(), testRows * 784, (testRows + 3) * 784))
                .isEqualTo(Arrays.copyOf(train, 3 * 784));
    }

    private static int units(org.deeplearning4j.nn.multilayer.MultiLayerNetwork net) {
        return new PreActivationSampler(net, 784).hiddenLayers().stream().mapToInt(HiddenLayer::units).sum();
    }
}
