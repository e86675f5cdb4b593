package org.losslab.training;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The Choromanska MLP as a DL4J network: ReLU hidden layers, softmax output with multiclass
 * cross-entropy (science.md §A.5.2), plain SGD whose rate the trainer sets per epoch. Parameters
 * are overwritten by {@link ParameterInit}, so DL4J's own initializer never matters.
 */
public final class Dl4jNetworks {

    private Dl4jNetworks() {
    }

    public static MultiLayerNetwork mlp(int[] layerSizes, double learningRate) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(0)
                .dataType(DataType.FLOAT)
                .updater(new Sgd(learningRate))
                .weightInit(WeightInit.ZERO)
                .list();
        int last = layerSizes.length - 1;
        for (int l = 0; l + 1 < last; l++) {
            list.layer(new DenseLayer.Builder().nIn(layerSizes[l]).nOut(layerSizes[l + 1])
                    .activation(Activation.RELU).build());
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(layerSizes[last - 1]).nOut(layerSizes[last]).activation(Activation.SOFTMAX).build());
        MultiLayerConfiguration conf = list.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
