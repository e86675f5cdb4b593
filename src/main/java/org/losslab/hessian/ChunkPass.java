package org.losslab.hessian;

import org.bytedeco.javacpp.DoublePointer;

/**
 * Forward and backward pass of the network over one chunk of training rows, in double precision, as
 * DGEMMs over the chunk: the hidden activations, the softmax probabilities, and the back-propagated
 * errors δ_l = ∂L/∂z_l of the <em>mean</em> loss over all n training rows (so gradients of chunks add
 * up to the full gradient). A unit counts as active where its pre-activation is strictly positive,
 * the ReLU derivative both trainers use (DL4J's, and the batched trainer's step mask of its
 * activations): at z = 0 exactly the loss has only one-sided derivatives and this picks the left one.
 */
final class ChunkPass implements AutoCloseable {

    final MlpShape shape;
    final TrainingSet data;
    final int capacity;
    /** acts[l] for hidden layers 1..L−1: {@code [rows × d_l]}. */
    final DoubleBlock[] acts;
    /** Logits, then softmax probabilities: {@code [rows × 10]}. */
    final DoubleBlock probs;
    private final DoubleBlock ones;
    /** masks[l] for hidden layers: 1 where the unit is active (z > 0), else 0; on the heap for speed. */
    private final double[][] masks;
    /** deltas[l] for l = 1..L: {@code [rows × d_l]}. */
    final DoubleBlock[] deltas;
    int start;
    int rows;

    ChunkPass(MlpShape shape, TrainingSet data, int capacity) {
        if (data.features() != shape.features()) {
            throw new IllegalArgumentException("the data have " + data.features() + " features, the network "
                    + shape.features() + " inputs");
        }
        this.shape = shape;
        this.data = data;
        this.capacity = capacity;
        int layers = shape.layers();
        this.acts = new DoubleBlock[layers];
        this.deltas = new DoubleBlock[layers + 1];
        this.masks = new double[layers][];
        for (int l = 1; l < layers; l++) {
            acts[l] = new DoubleBlock((long) capacity * shape.size(l));
            masks[l] = new double[capacity * shape.size(l)];
        }
        for (int l = 1; l <= layers; l++) {
            deltas[l] = new DoubleBlock((long) capacity * shape.size(l));
        }
        this.probs = new DoubleBlock((long) capacity * shape.outputs());
        this.ones = new DoubleBlock(capacity);
        for (int i = 0; i < capacity; i++) {
            ones.set(i, 1.0);
        }
    }

    /** Input of weight layer l (activations of layer l − 1) for the current chunk. */
    DoublePointer input(int l) {
        return l == 1 ? data.row(start) : acts[l - 1].pointer;
    }

    /** Inputs of weight layer l for chunk row i, with the constant 1 appended, into {@code out}. */
    void inputRow(int l, int i, double[] out) {
        int in = shape.size(l - 1);
        if (l == 1) {
            data.copyRow(start + i, out);
        } else {
            acts[l - 1].copyTo(i * in, out, 0, in);
        }
        out[in] = 1.0;
    }

    /** Rows [start, start + rows): forward pass; returns the sum of the rows' cross-entropies. */
    double forward(DoubleBlock theta, int start, int rows) {
        this.start = start;
        this.rows = rows;
        int layers = shape.layers();
        for (int l = 1; l <= layers; l++) {
            DoubleBlock out = l < layers ? acts[l] : probs;
            affine(theta, l, input(l), out);
            if (l < layers) {
                relu(out, masks[l], rows * shape.size(l));
            }
        }
        return softmaxLoss();
    }

    /** z = a·Wᵗᵀ + 1·bᵀ for layer l into {@code out}: two DGEMMs, the second of rank one. */
    void affine(DoubleBlock theta, int l, DoublePointer in, DoubleBlock out) {
        int dIn = shape.size(l - 1);
        int dOut = shape.size(l);
        Blas.gemm(false, true, rows, dOut, dIn, 1.0, in, dIn, theta.at(shape.offset(l)), dIn, 0.0, out.pointer, dOut);
        Blas.gemm(false, false, rows, dOut, 1, 1.0, ones.pointer, 1, theta.at(shape.biasOffset(l)), dOut, 1.0,
                out.pointer, dOut);
    }

    /** a = max(z, 0) and the mask 1[z > 0], without branches (the pattern is unpredictable). */
    private static void relu(DoubleBlock z, double[] mask, int count) {
        for (int i = 0; i < count; i++) {
            double v = z.get(i);
            double s = v > 0 ? 1.0 : 0.0;
            mask[i] = s;
            z.set(i, v * s);
        }
    }

    /** Replaces the logits by probabilities and returns Σ (log Σ_c e^{z_c} − z_y), stably. */
    private double softmaxLoss() {
        int c = shape.outputs();
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            int o = i * c;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                max = Math.max(max, probs.get(o + k));
            }
            double s = 0;
            for (int k = 0; k < c; k++) {
                s += Math.exp(probs.get(o + k) - max);
            }
            double lse = max + Math.log(s);
            sum += lse - probs.get(o + data.label(start + i));
            for (int k = 0; k < c; k++) {
                probs.set(o + k, Math.exp(probs.get(o + k) - lse));
            }
        }
        return sum;
    }

    /** δ_L = (p − e_y)/n over the rows, then δ_l = (δ_{l+1}·Wᵗ_{l+1}) ⊙ 1[a_l > 0]. */
    void backward(DoubleBlock theta) {
        int layers = shape.layers();
        int c = shape.outputs();
        double scale = 1.0 / data.rows();
        DoubleBlock top = deltas[layers];
        for (int i = 0; i < rows; i++) {
            int y = data.label(start + i);
            for (int k = 0; k < c; k++) {
                top.set(i * c + k, (probs.get(i * c + k) - (k == y ? 1.0 : 0.0)) * scale);
            }
        }
        for (int l = layers - 1; l >= 1; l--) {
            int d = shape.size(l);
            Blas.gemm(false, false, rows, d, shape.size(l + 1), 1.0, deltas[l + 1].pointer, shape.size(l + 1),
                    theta.at(shape.offset(l + 1)), d, 0.0, deltas[l].pointer, d);
            mask(deltas[l], l);
        }
    }

    /** Zeroes the entries of a {@code [rows × d_l]} block where unit of hidden layer l is inactive. */
    void mask(DoubleBlock block, int l) {
        int count = rows * shape.size(l);
        double[] s = masks[l];
        for (int i = 0; i < count; i++) {
            block.set(i, block.get(i) * s[i]);
        }
    }

    boolean active(int l, int i, int j) {
        return masks[l][i * shape.size(l) + j] != 0;
    }

    /** out += Σ_rows ∂ℓ/∂θ: Wᵗ_l += δ_lᵀ·a_{l−1}, b_l += Σ δ_l. */
    void addGradient(DoubleBlock out) {
        for (int l = 1; l <= shape.layers(); l++) {
            addOuter(deltas[l], input(l), l, out);
        }
    }

    /** out[layer l] += gᵀ·in (weights) and the column sums of g (biases), g being {@code [rows × d_l]}. */
    void addOuter(DoubleBlock g, DoublePointer in, int l, DoubleBlock out) {
        int dIn = shape.size(l - 1);
        int dOut = shape.size(l);
        Blas.gemm(true, false, dOut, dIn, rows, 1.0, g.pointer, dOut, in, dIn, 1.0, out.at(shape.offset(l)), dIn);
        double[] sums = new double[dOut];
        for (int i = 0; i < rows; i++) {
            int o = i * dOut;
            for (int j = 0; j < dOut; j++) {
                sums[j] += g.get(o + j);
            }
        }
        int bias = shape.biasOffset(l);
        for (int j = 0; j < dOut; j++) {
            out.add(bias + j, sums[j]);
        }
    }

    @Override
    public void close() {
        for (DoubleBlock b : acts) {
            if (b != null) {
                b.close();
            }
        }
        for (DoubleBlock b : deltas) {
            if (b != null) {
                b.close();
            }
        }
        probs.close();
        ones.close();
    }
}
