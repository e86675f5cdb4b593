package org.losslab.training.batched;

import static org.losslab.training.batched.Sgemm.at;
import static org.losslab.training.batched.Sgemm.move;

import org.bytedeco.javacpp.FloatPointer;

import org.losslab.training.batched.BatchedTrainer.Phase;

/**
 * Logits of one chunk of networks ({@link BlockShape}) for the rows in the input buffer(s): the first
 * layer as one product over the shared input or one product per network over its own input, ReLU over the
 * chunk ({@link HeapRelu}), hidden and output layers as small products on each network's column block.
 * The output biases are added by {@link #logitsToHeap}, which every consumer of the logits calls once
 * anyway: adding them there saves broadcasting them into the off-heap buffer before the products.
 */
final class ForwardPass {

    private static final int C = BatchedMemory.CLASSES;

    private final BlockBuffers b;
    private final PhaseClock clock;
    /** Reused operand pointers of the per-network products ({@link Sgemm#move}). */
    private final FloatPointer top;
    private final FloatPointer w2;
    private final FloatPointer logits;
    private final FloatPointer xNet;
    private final FloatPointer w1;
    private final FloatPointer acts0;
    /** ReLU and its derivative (used by {@link SgdStep}) as vectorised Java loops. */
    final HeapRelu relu;

    ForwardPass(BlockBuffers buffers, PhaseClock clock) {
        this.b = buffers;
        this.clock = clock;
        this.top = new FloatPointer(b.pActs[b.shape.layers() - 1]);
        this.w2 = new FloatPointer(b.pW2);
        this.logits = new FloatPointer(b.pLogits);
        this.xNet = b.pXNet == null ? null : new FloatPointer(b.pXNet);
        this.w1 = new FloatPointer(b.pW1);
        this.acts0 = new FloatPointer(b.pActs[0]);
        this.relu = new HeapRelu(b);
    }

    /**
     * {@code logits[K·r × 10]} of chunk c's networks, without the output biases, for r rows of
     * {@code xNet} ({@code perNetworkInput}) or {@code xShared}. Evaluation charges its time to the EVAL
     * phases, training to the per-layer ones.
     */
    void run(int c, int r, boolean perNetworkInput, boolean evaluating) {
        BlockShape s = b.shape;
        int width = s.width();
        int f1 = s.f1();
        int kn = s.kn();
        int first = s.chunkFirst(c);
        int count = s.chunkSize(c);
        int cols = count * width;
        long base = s.chunkOffset(c);
        BlockBuffers.Views v = b.views(r, c);
        long t = PhaseClock.now();
        if (perNetworkInput) {
            for (int j = 0; j < count; j++) {
                int i = first + j;
                Sgemm.gemm(false, false, r, width, f1, 1f, move(xNet, b.pXNet, (long) i * s.rows() * f1), f1,
                        move(w1, b.pW1, (long) i * width), kn, 0f, move(acts0, b.pActs[0], base + (long) j * width),
                        cols);
            }
        } else {
            Sgemm.gemm(false, false, r, cols, f1, 1f, b.pXShared, f1, at(b.pW1, (long) first * width), kn, 0f,
                    at(b.pActs[0], base), cols);
        }
        long t1 = clock.charge(evaluating ? Phase.EVAL_FIRST_LAYER : Phase.FIRST_LAYER_FORWARD, t);
        relu.forward(0, c, r);
        long t2 = clock.charge(evaluating ? Phase.EVAL_OTHER_LAYERS : Phase.RELU, t1);
        for (int l = 1; l < s.layers(); l++) {
            long nn = (long) width * width;
            for (int j = 0; j < count; j++) {
                Sgemm.gemm(false, true, r, width, width, 1f, at(b.pActs[l - 1], base + (long) j * width), cols,
                        at(b.pWHidden[l], (first + j) * nn), width, 0f, at(b.pActs[l], base + (long) j * width), cols);
            }
            v.acts()[l].addiRowVector(v.bHidden()[l]);
            relu.forward(l, c, r);
        }
        long t3 = clock.charge(evaluating ? Phase.EVAL_OTHER_LAYERS : Phase.HIDDEN_LAYERS, t2);
        int top = s.layers() - 1;
        for (int j = 0; j < count; j++) {
            int i = first + j;
            Sgemm.gemm(false, true, r, C, width, 1f, move(this.top, b.pActs[top], base + (long) j * width), cols,
                    move(w2, b.pW2, (long) i * C * width), width, 0f, move(logits, b.pLogits, (long) i * r * C), C);
        }
        clock.charge(evaluating ? Phase.EVAL_OTHER_LAYERS : Phase.OUTPUT_FORWARD, t3);
    }

    /**
     * {@code heapLogits} of networks {@code [first, first+count)} := their logits plus their output biases,
     * class-major per network (class c of row j at {@code i·r·10 + c·r + j}, for {@link ClassMajorSoftmax}):
     * the output products write them row-major ({@code [r × 10]}, which OpenBLAS computes faster than the
     * transposed product: measured), so they are transposed here, in the pass that adds the biases anyway.
     */
    void logitsToHeap(int first, int count, int r) {
        float[] z = b.heapLogits;
        float[] raw = b.heapRaw;
        int from = first * r * C;
        b.nLogits.get(from, raw, from, count * r * C);
        for (int i = first; i < first + count; i++) {
            int base = i * r * C;
            for (int c = 0; c < C; c++) {
                float bias = b.b2[i * C + c];
                int o = base + c * r;
                for (int row = 0; row < r; row++) {
                    z[o + row] = raw[base + row * C + c] + bias;
                }
            }
        }
    }
}
