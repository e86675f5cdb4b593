package org.losslab.training.batched;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The output layer of one narrow network ({@link BlockShape#fusedOutput}), fused: logits, softmax, cross-entropy
 * delta, the hidden delta through the ReLU and the updates of the output weights and biases in training
 * ({@link #train}), logits and cross-entropy in evaluation ({@link #score}). It reads the network's top
 * pre-activations feature-major ({@code [width × lead(r)]}, {@link BlockShape}) straight from the off-heap
 * buffer, applies the ReLU as it reads, and writes the hidden delta over them; the logits never leave the
 * registers (vector kernels) or the stack (scalar reference). At n1 = 25 the per-network OpenBLAS calls of
 * 10 × width × r cost more than their arithmetic (docs/performance.md, lever 15).
 *
 * <h2>Same bits with or without the Vector API</h2>
 * Every example is one lane: its arithmetic (FMAs in hidden-unit order, maximum and sums in class order, the
 * Cephes exponential and logarithm of {@link CephesFloat}) is the same in {@link VectorOutputLayer} and
 * {@link ScalarOutputLayer}.
 * Sums over examples (weight and bias gradients) keep {@link #LANES} partial sums, one per example index
 * modulo 16, and add them by the fixed tree of {@link #sum16}, so the result does not depend on the vector
 * width either. Without vectors of 4, 8 or 16 floats (or without {@code --add-modules jdk.incubator.vector}) the
 * scalar reference runs.
 */
abstract class OutputLayer {

    /** Examples per vector, and the partial sums of every sum over examples. */
    static final int LANES = 16;
    static final int C = BatchedMemory.CLASSES;
    static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** 2¹²⁷: a nonzero float times it twice is at least 1, so {@code min(h·2¹²⁷·2¹²⁷, 1)} is ReLU's step. */
    static final float HUGE = 0x1p127f;

    /** Whether this JVM runs the Vector API kernels: the module is there and its vectors have 4, 8 or 16 floats. */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && VectorOutputLayer.supported();

    final ByteBuffer acts;
    final int width;
    /** The delta of the current network, class-major: class c of example j at {@code c·lead(r) + j}. */
    final float[] delta;
    /** Per example of an evaluation: its cross-entropy {@code log Σ_c exp(z_c − max) − (z_label − max)}. */
    final float[] loss;
    /** One hidden unit's ten gradient sums over the examples. */
    final float[] classSums = new float[C];

    OutputLayer(ByteBuffer acts, int width, int maxRows) {
        this.acts = acts;
        this.width = width;
        int ld = BlockShape.lead(maxRows);
        this.delta = new float[C * ld];
        this.loss = new float[ld];
    }

    /** The kernels for this JVM over the top activation buffer {@code acts} (native byte order). */
    static OutputLayer of(ByteBuffer acts, int width, int maxRows) {
        return VECTOR ? new VectorOutputLayer(acts, width, maxRows) : new ScalarOutputLayer(acts, width, maxRows);
    }

    /** Heap floats these kernels keep for up to {@code maxRows} examples. */
    static long floats(int maxRows) {
        return (C + 1L) * BlockShape.lead(maxRows) + (C + 1L) * LANES + C * LANES + LANES;
    }

    /** "vector-512", "vector-256", "vector-128" or "scalar": what {@link #of} runs in this JVM. */
    static String kernels() {
        return VECTOR ? "vector-" + VectorOutputLayer.S.vectorBitSize() : "scalar";
    }

    /**
     * One SGD step of the output layer of the network whose top block starts at element {@code at}: with
     * {@code w[c·width + j]} and {@code b[bOff + c]} its output weights and biases (updated in place), the r
     * labels as floats (the padding lanes up to {@code lead(r)} may hold anything), {@code alpha = −lr/r}. The
     * block's pre-activations are replaced by the hidden delta {@code (Wᵀ·(softmax − onehot)) ⊙ step}; its
     * padding lanes get zeros.
     */
    abstract void train(int at, int r, float[] w, float[] b, int bOff, float[] labels, float alpha, float lr);

    /**
     * Summed cross-entropy of the r examples of a network, from its top block at element {@code at} and its output
     * weights {@code w}; adds its misclassified examples (the label is not the first maximum of the logits) to
     * {@code wrong[i]}.
     */
    abstract double score(int at, int r, float[] w, float[] b, int bOff, float[] labels, long[] wrong, int i);

    /** Zeros as the hidden delta of an inactive network (its parameters stay as they are). */
    void clearDelta(int at, int r) {
        int ld = BlockShape.lead(r);
        for (int q = 0; q < width * ld; q++) {
            acts.putFloat(4 * (at + q), 0f);
        }
    }

    /**
     * Hidden unit j's gradient sums {@code s_c} applied: {@code w[c·width + j] += α·s_c}, or for j = −1 (the bias
     * gradient) {@code b[bOff + c] −= lr·s_c / r}.
     */
    final void update(int j, float[] s, int r, float[] w, float[] b, int bOff, float alpha, float lr) {
        for (int c = 0; c < C; c++) {
            if (j < 0) {
                b[bOff + c] -= (s[c] / r) * lr;
            } else {
                w[c * width + j] += alpha * s[c];
            }
        }
    }

    /** The first r examples' cross-entropies summed in double precision, in example order. */
    final double rowLosses(int r) {
        double sum = 0;
        for (int j = 0; j < r; j++) {
            sum += loss[j];
        }
        return sum;
    }

    /**
     * Sixteen partial sums {@code a[o..o+16)} added pairwise by halves: lane i with lane i+8, then i+4, i+2, i+1
     * (the order of {@link VectorOutputLayer}'s transposing tree).
     */
    static float sum16(float[] a, int o) {
        float h0 = a[o] + a[o + 8];
        float h1 = a[o + 1] + a[o + 9];
        float h2 = a[o + 2] + a[o + 10];
        float h3 = a[o + 3] + a[o + 11];
        float h4 = a[o + 4] + a[o + 12];
        float h5 = a[o + 5] + a[o + 13];
        float h6 = a[o + 6] + a[o + 14];
        float h7 = a[o + 7] + a[o + 15];
        return ((h0 + h4) + (h2 + h6)) + ((h1 + h5) + (h3 + h7));
    }
}
