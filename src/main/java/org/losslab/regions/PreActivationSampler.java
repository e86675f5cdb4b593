package org.losslab.regions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.losslab.activations.DenseArrays;
import org.losslab.activations.PiecewiseLinear;
import org.losslab.activations.PiecewiseLinearActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Streams the hidden pre-activations of a network, classified into pieces, into a
 * {@link NetworkRegionAccumulator} one batch at a time (science.md §C.4; memory is bounded by one
 * batch's activations, never all data).
 *
 * <p><b>Where z comes from.</b> The network must use the {@link RegionNetworks} layout: each
 * {@link PiecewiseLinearActivation} sits in its own {@link ActivationLayer}, and z is the <i>input</i>
 * of that layer. The sampler runs the layers itself, in inference mode and without workspaces
 * (every array detached: DL4J issues #4291, #5412), applying each layer's input preprocessor
 * as {@code MultiLayerNetwork} does, and classifies z <b>before</b> the ActivationLayer runs:
 * {@code feedForward(x, false)} cannot be used, because in inference DL4J's ActivationLayer
 * applies the activation in place on the previous layer's output, so the list it returns holds
 * activations where the pre-activations should be (ReLU hides this, HardTanh does not). Only the
 * current layer's arrays are alive at any time. A piecewise-linear activation inside a dense or conv
 * layer is rejected, because DL4J does not expose that layer's pre-activation.
 *
 * <p><b>Classification</b> uses the same strict comparison {@code z > a} as the activation itself,
 * in the network's own precision ({@link PiecewiseLinear#pieceOfFloat} for float networks),
 * so the counted piece is the piece whose slope backprop used. A NaN pre-activation is an error.
 * One sampler per network and thread.
 */
public final class PreActivationSampler {

    private final MultiLayerNetwork net;
    private final int inputDim;
    private final PiecewiseLinear activation;
    private final List<HiddenLayer> layers;
    private final int lastIndex;
    private final int[] hiddenIndices;
    private final DataType dataType;

    /**
     * @param net      an initialised network built like {@link RegionNetworks}
     * @param inputDim features per row (784 for MNIST)
     */
    public PreActivationSampler(MultiLayerNetwork net, int inputDim) {
        this.net = net;
        this.inputDim = inputDim;
        this.dataType = net.params().dataType();
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        PiecewiseLinear found = null;
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            Layer layer = conf.getConf(i).getLayer();
            if (layer instanceof ActivationLayer a && a.getActivationFn() instanceof PiecewiseLinearActivation pla) {
                PiecewiseLinear f = pla.model();
                if (found != null && !found.equals(f)) {
                    throw new IllegalArgumentException("network: hidden layers use different activations (" + found.name()
                            + ", " + f.name() + "); region statistics need one activation per network");
                }
                found = f;
                indices.add(i);
            } else if (layer instanceof BaseLayer b && b.getActivationFn() instanceof PiecewiseLinearActivation) {
                throw new IllegalArgumentException("network layer " + i + " (" + layer.getLayerName() + "): a piecewise-linear "
                        + "activation inside a weight layer cannot be sampled; build the network with RegionNetworks "
                        + "(identity layer followed by an ActivationLayer)");
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("network: no ActivationLayer with a piecewise-linear activation to sample");
        }
        this.activation = found;
        this.lastIndex = indices.get(indices.size() - 1);
        this.hiddenIndices = indices.stream().mapToInt(Integer::intValue).toArray();
        // probe one zero row for the number of units of each hidden layer
        int[] units = new int[hiddenIndices.length];
        forward(Nd4j.zeros(dataType, 1, inputDim), (l, z) -> units[l] = (int) z.length());
        List<HiddenLayer> hidden = new ArrayList<>();
        for (int l = 0; l < hiddenIndices.length; l++) {
            int i = hiddenIndices[l];
            String name = conf.getConf(i > 0 ? i - 1 : i).getLayer().getLayerName();
            hidden.add(new HiddenLayer(name, i, units[l]));
        }
        this.layers = Collections.unmodifiableList(hidden);
    }

    public List<HiddenLayer> hiddenLayers() {
        return layers;
    }

    public PiecewiseLinear activation() {
        return activation;
    }

    /** A fresh accumulator for rows starting at {@code startRow} of an input set. */
    public NetworkRegionAccumulator newAccumulator(long startRow) {
        List<String> names = new ArrayList<>();
        int[] units = new int[layers.size()];
        for (int l = 0; l < layers.size(); l++) {
            names.add(layers.get(l).name());
            units[l] = layers.get(l).units();
        }
        return new NetworkRegionAccumulator(activation.name(), activation.pieces(), names, units, startRow);
    }

    /** Classifies one batch (rows × inputDim) whose first row has index {@code firstRow}, into acc. */
    public void sampleBatch(INDArray x, long firstRow, NetworkRegionAccumulator acc) {
        acc.addBatch(firstRow, (int) x.size(0), classifyBatch(x));
    }

    /**
     * The 0-based piece of every unit of every hidden layer for one batch (rows × inputDim):
     * {@code [layer][row · units + unit]}, as {@link NetworkRegionAccumulator#addBatch} takes them.
     */
    public byte[][] classifyBatch(INDArray x) {
        if (x.rank() != 2 || x.size(1) != inputDim) {
            throw new IllegalArgumentException("batch: expected shape [rows, " + inputDim + "], got " + java.util.Arrays.toString(x.shape()));
        }
        int rows = (int) x.size(0);
        byte[][] pieces = new byte[layers.size()][];
        forward(x.castTo(dataType), (l, z) -> pieces[l] = classify(z, rows, layers.get(l)));
        return pieces;
    }

    /** Rows [from, to) of {@code data} in batches of {@code batchSize}. */
    public void sampleRows(PlainDataset data, int from, int to, int batchSize, NetworkRegionAccumulator acc) {
        checkBatchSize(batchSize);
        for (int b = from; b < to; b += batchSize) {
            int e = Math.min(to, b + batchSize);
            sampleBatch(data.rows(b, e, dataType), b, acc);
        }
    }

    /** All rows of {@code data}: a new accumulator. */
    public NetworkRegionAccumulator sampleAll(PlainDataset data, int batchSize) {
        NetworkRegionAccumulator acc = newAccumulator(0);
        sampleRows(data, 0, data.size(), batchSize, acc);
        return acc;
    }

    /** Rows [from, to) of the i.i.d. N(0,1) input set with this seed (see {@link GaussianInputs}). */
    public void sampleGaussian(long seed, long from, long to, int batchSize, NetworkRegionAccumulator acc) {
        checkBatchSize(batchSize);
        for (long b = from; b < to; b += batchSize) {
            int rows = (int) Math.min(batchSize, to - b);
            float[] x = GaussianInputs.rows(seed, b, rows, inputDim);
            sampleBatch(Nd4j.create(x, new long[] {rows, inputDim}, 'c').castTo(dataType), b, acc);
        }
    }

    private static void checkBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size: must be >= 1, got " + batchSize);
        }
    }

    /** Receives the pre-activation z of hidden layer l (0-based among hidden layers). */
    private interface Sink {
        void accept(int layer, INDArray z);
    }

    /**
     * Inference pass through layers 0..last without workspaces; {@code sink} receives each hidden
     * layer's pre-activation (the ActivationLayer's input) before that layer overwrites it.
     */
    private void forward(INDArray x, Sink sink) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        int rows = (int) x.size(0);
        INDArray a = x;
        int hidden = 0;
        try {
            for (int i = 0; i <= lastIndex; i++) {
                InputPreProcessor pp = conf.getInputPreProcess(i);
                if (pp != null) {
                    a = pp.preProcess(a, rows, mgr);
                }
                if (hidden < hiddenIndices.length && hiddenIndices[hidden] == i) {
                    sink.accept(hidden, a);
                    hidden++;
                }
                a = net.getLayer(i).activate(a, false, mgr);
            }
        } finally {
            net.clearLayersStates(); // drop the references the layers keep to this batch's arrays
        }
    }

    private byte[] classify(INDArray z, int rows, HiddenLayer layer) {
        long n = (long) rows * layer.units();
        if (z.length() != n || z.size(0) != rows) {
            throw new IllegalStateException("layer " + layer.name() + ": pre-activation shape "
                    + java.util.Arrays.toString(z.shape()) + " does not hold " + rows + " × " + layer.units() + " units");
        }
        INDArray dense = DenseArrays.isDense(z) ? z : z.dup('c');
        byte[] out = new byte[(int) n];
        if (dataType == DataType.FLOAT) {
            float[] v = DenseArrays.readFloats(dense.castTo(DataType.FLOAT));
            for (int i = 0; i < v.length; i++) {
                if (v[i] != v[i]) {
                    throw nan(layer);
                }
                out[i] = (byte) activation.pieceOfFloat(v[i]);
            }
        } else {
            double[] v = DenseArrays.readDoubles(dense.castTo(DataType.DOUBLE));
            for (int i = 0; i < v.length; i++) {
                if (v[i] != v[i]) {
                    throw nan(layer);
                }
                out[i] = (byte) activation.piece(v[i]);
            }
        }
        return out;
    }

    private static IllegalStateException nan(HiddenLayer layer) {
        return new IllegalStateException("layer " + layer.name() + ": NaN pre-activation (diverged network?)");
    }
}
