package org.losslab.regions;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.losslab.activations.PiecewiseLinear;
import org.losslab.activations.PiecewiseLinearActivation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;

class PreActivationSamplerValidationTest {

    private static MultiLayerNetwork net(boolean plInsideDense) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(plInsideDense
                        ? new DenseLayer.Builder().name("fc1").nIn(3).nOut(4).activation(new PiecewiseLinearActivation(PiecewiseLinear.relu())).build()
                        : new DenseLayer.Builder().name("fc1").nIn(3).nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder().nIn(4).nOut(2).activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    @Test
    void rejectsNetworksWhosePreActivationsItCannotSee() {
        assertThatThrownBy(() -> new PreActivationSampler(net(true), 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fc1").hasMessageContaining("RegionNetworks");
        assertThatThrownBy(() -> new PreActivationSampler(net(false), 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no ActivationLayer");
    }

    @Test
    void rejectsBatchesOfTheWrongWidth() {
        PreActivationSampler s = new PreActivationSampler(TinyNetwork.build(PiecewiseLinear.relu()), 2);
        assertThatThrownBy(() -> s.sampleBatch(Nd4j.zeros(4, 3), 0, s.newAccumulator(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[rows, 2]");
    }
}
