package org.losslab.hessian;

import java.util.Arrays;
import org.losslab.training.FloatBytes;

/**
 * The Choromanska network as the trainers build it (science.md §A.5.2): input → hidden layers of ReLU
 * units → 10 softmax outputs, and where each parameter sits in the flattened vector the trainers store
 * ({@code final_params}, {@code checkpoint.params}): DL4J's layout, per layer the weights as an
 * {@code in × out} matrix in column-major order, then the {@code out} biases. Read row-major, a layer's
 * weight block is the transposed matrix {@code Wᵗ[out × in]}, which is how the kernels address it.
 *
 * @param sizes layer sizes: inputs, each hidden width, outputs
 */
public record MlpShape(int[] sizes) {

    public MlpShape {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("a network needs at least an input and an output layer");
        }
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("layer sizes must be positive: " + Arrays.toString(sizes));
            }
        }
        sizes = sizes.clone();
        long count = 0;
        for (int l = 1; l < sizes.length; l++) {
            count += (long) sizes[l - 1] * sizes[l] + sizes[l];
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(count + " parameters do not fit one array");
        }
    }

    /** {@code features → hiddenLayers × width → 10}, as {@code TrainingSpec.layerSizes} builds it. */
    public static MlpShape of(int features, int hiddenLayers, int width) {
        int[] s = new int[hiddenLayers + 2];
        Arrays.fill(s, width);
        s[0] = features;
        s[hiddenLayers + 1] = 10;
        return new MlpShape(s);
    }

    @Override
    public int[] sizes() {
        return sizes.clone();
    }

    /** Number of weight layers L (hidden layers + 1). */
    public int layers() {
        return sizes.length - 1;
    }

    /** Units of layer l: 0 is the input, {@link #layers()} the output. */
    public int size(int l) {
        return sizes[l];
    }

    public int features() {
        return sizes[0];
    }

    public int outputs() {
        return sizes[sizes.length - 1];
    }

    /** Widest layer other than the input. */
    public int maxWidth() {
        int m = 0;
        for (int l = 1; l < sizes.length; l++) {
            m = Math.max(m, sizes[l]);
        }
        return m;
    }

    public int parameterCount() {
        return offset(layers() + 1);
    }

    /** Start of weight layer l (1-based: layer l maps units of layer l−1 to layer l) in the flat vector. */
    public int offset(int l) {
        int at = 0;
        for (int k = 1; k < l; k++) {
            at += sizes[k - 1] * sizes[k] + sizes[k];
        }
        return at;
    }

    /** Start of layer l's biases in the flat vector. */
    public int biasOffset(int l) {
        return offset(l) + sizes[l - 1] * sizes[l];
    }

    /** Stored parameters ({@code final_params.params}: float32 little-endian) widened exactly to doubles. */
    public double[] decode(byte[] stored) {
        float[] p = FloatBytes.decode(stored);
        if (p.length != parameterCount()) {
            throw new IllegalArgumentException("stored parameters hold " + p.length + " values, a "
                    + Arrays.toString(sizes) + " network has " + parameterCount());
        }
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i];
        }
        return out;
    }

    /**
     * Flat index of the parameter joining input a of layer l to its unit j; {@code a == size(l − 1)} is
     * the constant input 1, i.e. unit j's bias.
     */
    public int index(int l, int a, int j) {
        int in = sizes[l - 1];
        return a == in ? biasOffset(l) + j : offset(l) + a + j * in;
    }
}
