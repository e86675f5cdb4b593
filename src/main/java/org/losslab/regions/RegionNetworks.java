package org.losslab.regions;

import java.util.Arrays;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.losslab.activations.PiecewiseLinear;
import org.losslab.activations.PiecewiseLinearActivation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builders for the two architectures of the §C.4 grid, with any piecewise-linear activation.
 *
 * <p><b>Layout.</b> Every hidden linear layer (dense or conv) has the <i>identity</i> activation and
 * is followed by an {@link ActivationLayer} holding a {@link PiecewiseLinearActivation}. The input of
 * that ActivationLayer is then exactly the pre-activation z of §C.4, which
 * {@link PreActivationSampler} reads from a detached forward pass; the composition trains exactly
 * like a layer with a built-in activation. Hidden layer {@code k} is named {@code fc<k>} or
 * {@code conv<k>} and its activation {@code <name>-act}.
 *
 * <p>Weights: Xavier init (DL4J's default, named explicitly so a DL4J change cannot move it), zero
 * biases, seeded by {@code seed}; updater Adam (default learning rate 1e−3, the §C.4 DEFAULT);
 * softmax output with multi-class cross-entropy. Inputs are flat rows of 784 = 28×28 pixels.
 */
public final class RegionNetworks {

    /** §C.4 DEFAULT MLP hidden widths (784-512-512-512-10). */
    public static final int[] DEFAULT_MLP_WIDTHS = {512, 512, 512};
    public static final int MNIST_SIDE = 28;
    public static final int MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;
    public static final int MNIST_CLASSES = 10;
    public static final double DEFAULT_LEARNING_RATE = 1e-3;

    private RegionNetworks() {
    }

    /** The §C.4 default MLP 784-512-512-512-10, float, Adam 1e−3. */
    public static MultiLayerNetwork mnistMlp(PiecewiseLinear activation, long seed) {
        return mlp(MNIST_PIXELS, DEFAULT_MLP_WIDTHS, MNIST_CLASSES, activation, seed, new Adam(DEFAULT_LEARNING_RATE), DataType.FLOAT);
    }

    /** MNIST MLP 784-w_1-…-w_k-10 with the given hidden widths, float, Adam 1e−3. */
    public static MultiLayerNetwork mnistMlp(int[] hiddenWidths, PiecewiseLinear activation, long seed) {
        return mlp(MNIST_PIXELS, hiddenWidths, MNIST_CLASSES, activation, seed, new Adam(DEFAULT_LEARNING_RATE), DataType.FLOAT);
    }

    /**
     * General MLP {@code inputs-w_1-…-w_k-classes} (used by the tests with tiny shapes and doubles).
     *
     * @param updater e.g. {@code new Adam(1e-3)}; {@code new NoOp()} for gradient checks
     * @return an initialised network
     */
    public static MultiLayerNetwork mlp(int inputs, int[] hiddenWidths, int classes, PiecewiseLinear activation,
                                        long seed, IUpdater updater, DataType dataType) {
        if (inputs < 1) {
            throw new IllegalArgumentException("inputs: must be >= 1, got " + inputs);
        }
        if (hiddenWidths == null || hiddenWidths.length == 0) {
            throw new IllegalArgumentException("hidden widths: need at least one hidden layer");
        }
        for (int i = 0; i < hiddenWidths.length; i++) {
            if (hiddenWidths[i] < 1) {
                throw new IllegalArgumentException("hidden widths[" + i + "]: must be >= 1, got " + hiddenWidths[i]);
            }
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classes: must be >= 2, got " + classes);
        }
        NeuralNetConfiguration.ListBuilder list = base(seed, updater, dataType).list();
        for (int k = 0; k < hiddenWidths.length; k++) {
            String name = "fc" + (k + 1);
            list.layer(new DenseLayer.Builder().name(name).nOut(hiddenWidths[k]).activation(Activation.IDENTITY).build());
            list.layer(activationLayer(name, activation));
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(classes)
                .activation(Activation.SOFTMAX).build());
        list.setInputType(InputType.feedForward(inputs));
        return init(new MultiLayerNetwork(list.build()));
    }

    /**
     * The MLP {@code layerSizes[0]-…-layerSizes[last]} in this layout, float, without updater, holding the given
     * flattened parameters: e.g. a Choromanska run's {@code final_params} (the trainers' layout, per layer W
     * column-major [in × out] then b, is DL4J's, and the activation layers hold no parameters).
     */
    public static MultiLayerNetwork mlpWithParameters(int[] layerSizes, PiecewiseLinear activation, float[] params) {
        if (layerSizes.length < 3) {
            throw new IllegalArgumentException("layer sizes: need input, at least one hidden layer and output, got "
                    + Arrays.toString(layerSizes));
        }
        MultiLayerNetwork net = mlp(layerSizes[0], Arrays.copyOfRange(layerSizes, 1, layerSizes.length - 1),
                layerSizes[layerSizes.length - 1], activation, 0L, new NoOp(), DataType.FLOAT);
        if (net.numParams() != params.length) {
            throw new IllegalArgumentException("parameters: " + params.length + " values for a network of " + net.numParams());
        }
        net.setParams(Nd4j.create(params, new long[] {1, params.length}, 'c'));
        return net;
    }

    /**
     * LeNet-5 for 28×28 MNIST (§C.4 DEFAULT): conv 6@5×5 (padding 2, so 28×28 as in the original
     * 32×32 design) – max-pool 2×2 – conv 16@5×5 (10×10) – max-pool 2×2 – FC120 – FC84 – 10.
     * Hidden units per layer: 4704, 1600, 120, 84. Max pooling is the modern choice; LeCun's
     * original used trainable average subsampling.
     */
    public static MultiLayerNetwork lenet5(PiecewiseLinear activation, long seed) {
        return lenet5(activation, seed, new Adam(DEFAULT_LEARNING_RATE), DataType.FLOAT);
    }

    public static MultiLayerNetwork lenet5(PiecewiseLinear activation, long seed, IUpdater updater, DataType dataType) {
        NeuralNetConfiguration.ListBuilder list = base(seed, updater, dataType).list();
        list.layer(new ConvolutionLayer.Builder(5, 5).name("conv1").nOut(6).stride(1, 1).padding(2, 2)
                .activation(Activation.IDENTITY).build());
        list.layer(activationLayer("conv1", activation));
        list.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).name("pool1").kernelSize(2, 2)
                .stride(2, 2).build());
        list.layer(new ConvolutionLayer.Builder(5, 5).name("conv2").nOut(16).stride(1, 1)
                .activation(Activation.IDENTITY).build());
        list.layer(activationLayer("conv2", activation));
        list.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).name("pool2").kernelSize(2, 2)
                .stride(2, 2).build());
        list.layer(new DenseLayer.Builder().name("fc3").nOut(120).activation(Activation.IDENTITY).build());
        list.layer(activationLayer("fc3", activation));
        list.layer(new DenseLayer.Builder().name("fc4").nOut(84).activation(Activation.IDENTITY).build());
        list.layer(activationLayer("fc4", activation));
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(MNIST_CLASSES)
                .activation(Activation.SOFTMAX).build());
        list.setInputType(InputType.convolutionalFlat(MNIST_SIDE, MNIST_SIDE, 1));
        return init(new MultiLayerNetwork(list.build()));
    }

    private static NeuralNetConfiguration.Builder base(long seed, IUpdater updater, DataType dataType) {
        if (updater == null) {
            throw new IllegalArgumentException("updater: must be given (e.g. Adam 1e-3)");
        }
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(dataType).weightInit(WeightInit.XAVIER)
                .updater(updater);
    }

    private static ActivationLayer activationLayer(String linearName, PiecewiseLinear activation) {
        if (activation == null) {
            throw new IllegalArgumentException("activation: must be given");
        }
        return new ActivationLayer.Builder().name(linearName + "-act")
                .activation(new PiecewiseLinearActivation(activation)).build();
    }

    private static MultiLayerNetwork init(MultiLayerNetwork net) {
        net.init();
        return net;
    }
}
