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
import org.losslab.BadInputException;
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
 * {@link PiecewiseLinearActivation} sits in its own {@link ActivationLayer}. z is the <i>input</i> of
 * that layer, taken from {@code feedForwardToLayer(last, x, false)}, which DL4J returns detached from
 * its workspaces (engineering notes: arrays from inside a workspace die when it closes). A
 * piecewise-linear activation inside a dense or conv layer is rejected, because DL4J does not expose
 * that layer's pre-activation without internal APIs.
 *
 * <p><b>Classification</b> uses the same strict comparison {@code z > a} as the activation itself,
 * in the network's own precision (float networks compare against {@code (float) a}, as ND4J does),
 * so the counted piece is the piece whose slope backprop used. A NaN pre-activation is an error.
 * One sampler per network and thread.
 */
public final class PreActivationSampler {

    private final MultiLayerNetwork net;
    private final int inputDim;
    private final PiecewiseLinear activation;
    private final List<HiddenLayer> layers;
    private final int lastIndex;
    private final DataType dataType;
    private final double[] thresholds;

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
                    throw new BadInputException("network: hidden layers use different activations (" + found.name()
                            + ", " + f.name() + "); region statistics need one activation per network");
                }
                found = f;
                indices.add(i);
            } else if (layer instanceof BaseLayer b && b.getActivationFn() instanceof PiecewiseLinearActivation) {
                throw new BadInputException("network layer " + i + " (" + layer.getLayerName() + "): a piecewise-linear "
                        + "activation inside a weight layer cannot be sampled; build the network with RegionNetworks "
                        + "(identity layer followed by an ActivationLayer)");
            }
        }
        if (found == null) {
            throw new BadInputException("network: no ActivationLayer with a piecewise-linear activation to sample");
        }
        this.activation = found;
        this.lastIndex = indices.get(indices.size() - 1);
        double[] a = found.breakpoints();
        this.thresholds = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            thresholds[k] = dataType == DataType.FLOAT ? (float) a[k] : a[k];
        }
        // probe one zero row for the number of units of each hidden layer
        List<INDArray> probe = forward(Nd4j.zeros(dataType, 1, inputDim));
        List<HiddenLayer> hidden = new ArrayList<>();
        for (int i : indices) {
            String name = i > 0 ? conf.getConf(i - 1).getLayer().getLayerName() : conf.getConf(i).getLayer().getLayerName();
            hidden.add(new HiddenLayer(name, i, (int) preActivation(probe, i, 1).length()));
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
        int rows = (int) x.size(0);
        if (x.rank() != 2 || x.size(1) != inputDim) {
            throw new BadInputException("batch: expected shape [rows, " + inputDim + "], got " + java.util.Arrays.toString(x.shape()));
        }
        List<INDArray> acts = forward(x.castTo(dataType));
        byte[][] pieces = new byte[layers.size()][];
        for (int l = 0; l < layers.size(); l++) {
            HiddenLayer layer = layers.get(l);
            pieces[l] = classify(preActivation(acts, layer.activationLayerIndex(), rows), rows, layer);
        }
        acc.addBatch(firstRow, rows, pieces);
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
            throw new BadInputException("batch size: must be >= 1, got " + batchSize);
        }
    }

    private List<INDArray> forward(INDArray x) {
        return net.feedForwardToLayer(lastIndex, x, false);
    }

    /** The input of layer i: element i of the activation list, through layer i's preprocessor if any. */
    private INDArray preActivation(List<INDArray> acts, int i, int rows) {
        INDArray z = acts.get(i);
        InputPreProcessor pp = net.getLayerWiseConfigurations().getInputPreProcess(i);
        if (pp != null) {
            z = pp.preProcess(z, rows, LayerWorkspaceMgr.noWorkspaces());
        }
        return z;
    }

    private byte[] classify(INDArray z, int rows, HiddenLayer layer) {
        long n = (long) rows * layer.units();
        if (z.length() != n || z.size(0) != rows) {
            throw new IllegalStateException("layer " + layer.name() + ": pre-activation shape "
                    + java.util.Arrays.toString(z.shape()) + " does not hold " + rows + " × " + layer.units() + " units");
        }
        INDArray flat = z.dup('c').reshape(n);
        byte[] out = new byte[(int) n];
        if (dataType == DataType.FLOAT) {
            float[] v = flat.toFloatVector();
            float[] t = new float[thresholds.length];
            for (int k = 0; k < t.length; k++) {
                t[k] = (float) thresholds[k];
            }
            for (int i = 0; i < v.length; i++) {
                float zi = v[i];
                if (zi != zi) {
                    throw nan(layer);
                }
                int p = 0;
                while (p < t.length && zi > t[p]) {
                    p++;
                }
                out[i] = (byte) p;
            }
        } else {
            double[] v = flat.toDoubleVector();
            for (int i = 0; i < v.length; i++) {
                double zi = v[i];
                if (zi != zi) {
                    throw nan(layer);
                }
                int p = 0;
                while (p < thresholds.length && zi > thresholds[p]) {
                    p++;
                }
                out[i] = (byte) p;
            }
        }
        return out;
    }

    private static IllegalStateException nan(HiddenLayer layer) {
        return new IllegalStateException("layer " + layer.name() + ": NaN pre-activation (diverged network?)");
    }
}
