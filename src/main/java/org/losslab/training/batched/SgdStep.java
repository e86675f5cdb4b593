package org.losslab.training.batched;

import static org.losslab.training.batched.Sgemm.at;
import static org.losslab.training.batched.Sgemm.move;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.losslab.training.batched.BatchedTrainer.Phase;

/**
 * One plain-SGD step of all active networks on the minibatch in the input buffer(s): forward, softmax
 * cross-entropy delta {@code p − y} (the output biases updated on the heap), backpropagation layer by
 * layer, each weight matrix updated in place with {@code −lr/B} as the products' alpha. Inactive
 * networks get zero output deltas, so their (zeroed) parameters stay as they are.
 */
final class SgdStep implements MinibatchStep {

    private static final int C = BatchedMemory.CLASSES;

    private final BlockBuffers b;
    private final NetworkStates states;
    private final ForwardPass forward;
    private final PhaseClock clock;
    /** Reused operand pointers of the per-network products ({@link Sgemm#move}). */
    private final FloatPointer delta;
    private final FloatPointer w2;
    private final FloatPointer grad;
    private final FloatPointer top;
    private final FloatPointer xNet;
    private final FloatPointer w1;
    private final FloatPointer acts0;

    SgdStep(BlockBuffers buffers, NetworkStates states, ForwardPass forward, PhaseClock clock) {
        this.b = buffers;
        this.states = states;
        this.forward = forward;
        this.clock = clock;
        this.delta = new FloatPointer(b.pLogits);
        this.w2 = new FloatPointer(b.pW2);
        this.grad = new FloatPointer(b.pGrad);
        this.top = new FloatPointer(b.pActs[b.shape.layers() - 1]);
        this.xNet = b.pXNet == null ? null : new FloatPointer(b.pXNet);
        this.w1 = new FloatPointer(b.pW1);
        this.acts0 = new FloatPointer(b.pActs[0]);
    }

    /**
     * One step on the first r rows of {@code xShared} (data_order shared) or of each network's {@code xNet}
     * block, one chunk of networks after the other (each network's work is independent of the others').
     */
    @Override
    public void run(int r, float lr) {
        for (int c = 0; c < b.shape.chunks(); c++) {
            forward.run(c, r, !b.shape.shared(), false);
            outputDelta(c, r, lr);
            backward(c, r, -(lr / (float) r));
        }
    }

    /** Backpropagation and the weight updates of chunk c, with {@code alpha = −lr/B}. */
    private void backward(int c, int r, float alpha) {
        int width = b.shape.width();
        int first = b.shape.chunkFirst(c);
        int count = b.shape.chunkSize(c);
        int cols = count * width;
        long base = b.shape.chunkOffset(c);
        int top = b.shape.layers() - 1;
        long t = PhaseClock.now();
        for (int j = 0; j < count; j++) {
            int i = first + j;
            FloatPointer d = move(delta, b.pLogits, (long) i * r * C); // class-major: [10 × r]
            FloatPointer w = move(w2, b.pW2, (long) i * C * width);
            Sgemm.gemm(true, false, r, width, C, 1f, d, r, w, width, 0f, move(grad, b.pGrad, base + (long) j * width),
                    cols);
            Sgemm.gemm(false, false, C, width, r, alpha, d, r, move(this.top, b.pActs[top], base + (long) j * width),
                    cols, 1f, w, width);
        }
        clock.charge(Phase.OUTPUT_BACKWARD, t);
        reluBackward(top, c, r);
        for (int l = top; l >= 1; l--) {
            t = PhaseClock.now();
            long nn = (long) width * width;
            for (int j = 0; j < count; j++) {
                FloatPointer dz = at(b.pActs[l], base + (long) j * width);
                Sgemm.gemm(false, false, r, width, width, 1f, dz, cols, at(b.pWHidden[l], (first + j) * nn), width,
                        0f, at(b.pGrad, base + (long) j * width), cols);
                Sgemm.gemm(true, false, width, width, r, alpha, dz, cols, at(b.pActs[l - 1], base + (long) j * width),
                        cols, 1f, at(b.pWHidden[l], (first + j) * nn), width);
            }
            Sgemm.gemvTransposed(r, cols, alpha, at(b.pActs[l], base), cols, b.pOnes, 1f,
                    at(b.pBHidden[l], (long) first * width));
            clock.charge(Phase.HIDDEN_LAYERS, t);
            reluBackward(l - 1, c, r);
        }
        t = PhaseClock.now();
        updateFirstLayer(c, r, alpha);
        clock.charge(Phase.FIRST_LAYER_UPDATE, t);
    }

    /**
     * logits := softmax(logits) − onehot(y), the output delta (zero for inactive networks), class-major
     * ({@link ClassMajorSoftmax}; the backward products read it transposed), and {@code b2 −= lr · mean(delta)}
     * on the heap, between one copy of the logits to the heap and one back.
     */
    private void outputDelta(int chunk, int r, float lr) {
        int first = b.shape.chunkFirst(chunk);
        int count = b.shape.chunkSize(chunk);
        boolean shared = b.shape.shared();
        long t = PhaseClock.now();
        forward.logitsToHeap(first, count, r);
        float[] p = b.heapLogits;
        float rf = r;
        for (int i = first; i < first + count; i++) {
            int base = i * r * C;
            if (!states.isActive(i)) {
                Arrays.fill(p, base, base + r * C, 0f);
                continue;
            }
            int[] y = shared ? b.yShared : b.yNet;
            int yOff = shared ? 0 : i * b.shape.rows();
            ClassMajorSoftmax.softmax(p, base, r, b.softmaxRows);
            for (int row = 0; row < r; row++) {
                p[base + y[yOff + row] * r + row] -= 1f;
            }
            for (int c = 0; c < C; c++) {
                b.b2[i * C + c] -= (ClassMajorSoftmax.classSum(p, base, r, c) / rf) * lr;
            }
        }
        b.nLogits.put(first * r * C, p, first * r * C, count * r * C);
        clock.charge(Phase.SOFTMAX_DELTA, t);
    }

    /**
     * acts[l] := grad ⊙ step(acts[l]) on chunk c: the delta of hidden layer l, one vectorised Java pass
     * ({@link HeapRelu#backward}), which measured twice as fast as ND4J's {@code Step} and {@code MulOp}
     * (docs/performance.md, lever 9) with the same bits.
     */
    private void reluBackward(int l, int c, int r) {
        long t = PhaseClock.now();
        forward.relu.backward(l, c, r);
        clock.charge(Phase.RELU_BACKWARD, t);
    }

    /** W1 += alpha · Xᵀ·dZ for chunk c: one product over the shared input, or one per network over its own input. */
    private void updateFirstLayer(int c, int r, float alpha) {
        int f1 = b.shape.f1();
        int kn = b.shape.kn();
        int width = b.shape.width();
        int first = b.shape.chunkFirst(c);
        int count = b.shape.chunkSize(c);
        int cols = count * width;
        long base = b.shape.chunkOffset(c);
        if (b.shape.shared()) {
            Sgemm.gemm(true, false, f1, cols, r, alpha, b.pXShared, f1, at(b.pActs[0], base), cols, 1f,
                    at(b.pW1, (long) first * width), kn);
        } else {
            for (int j = 0; j < count; j++) {
                int i = first + j;
                Sgemm.gemm(true, false, f1, width, r, alpha, move(xNet, b.pXNet, (long) i * b.shape.rows() * f1), f1,
                        move(acts0, b.pActs[0], base + (long) j * width), cols, 1f, move(w1, b.pW1, (long) i * width),
                        kn);
            }
        }
    }
}
