package org.losslab.training.batched;

import static org.losslab.training.batched.Sgemm.at;
import static org.losslab.training.batched.Sgemm.move;

import org.bytedeco.javacpp.FloatPointer;
import org.losslab.training.batched.BatchedTrainer.Phase;

/**
 * {@link SgdStep} for blocks whose output layer runs fused ({@link BlockShape#fusedOutput}), on feature-major
 * activations: forward, the output layer ({@link OutputLayer#train}: softmax cross-entropy delta, output weights
 * and biases updated, the top hidden delta written over the top activations), backpropagation through the other
 * hidden layers, each weight matrix updated in place with {@code −lr/B} as the products' alpha. Inactive networks
 * get a zero hidden delta, so their (zeroed) parameters stay as they are.
 */
final class FusedSgdStep implements MinibatchStep {

    private static final int C = BatchedMemory.CLASSES;

    private final BlockBuffers b;
    private final NetworkStates states;
    private final FusedForwardPass forward;
    private final PhaseClock clock;
    /** Reused operand pointers of the per-network products ({@link Sgemm#move}). */
    private final FloatPointer xNet;
    private final FloatPointer w1;
    private final FloatPointer acts0;

    FusedSgdStep(BlockBuffers buffers, NetworkStates states, FusedForwardPass forward, PhaseClock clock) {
        this.b = buffers;
        this.states = states;
        this.forward = forward;
        this.clock = clock;
        this.xNet = b.pXNet == null ? null : new FloatPointer(b.pXNet);
        this.w1 = new FloatPointer(b.pW1);
        this.acts0 = new FloatPointer(b.pActs[0]);
    }

    /**
     * One step on the first r rows of {@code xShared} (data_order shared) or of each network's {@code xNet}
     * block, one group of networks after the other ({@link FusedForwardPass#group}: each network's work is
     * independent of the others').
     */
    @Override
    public void run(int r, float lr) {
        if (b.shape.shared()) {
            b.setLabels(b.yShared, 0, r);
        }
        int group = forward.group(r);
        for (int c = 0; c < b.shape.chunks(); c++) {
            int end = b.shape.chunkFirst(c) + b.shape.chunkSize(c);
            for (int first = b.shape.chunkFirst(c); first < end; first += group) {
                int count = Math.min(group, end - first);
                forward.run(c, r, !b.shape.shared(), false, first, count);
                outputLayer(first, count, r, lr);
                backward(c, first, count, r, -(lr / (float) r));
            }
        }
    }

    /** {@link OutputLayer#train} for networks {@code [first, first+count)}, their output weights via the heap. */
    private void outputLayer(int first, int count, int r, float lr) {
        long t = PhaseClock.now();
        int width = b.shape.width();
        float alpha = -(lr / (float) r);
        for (int i = first; i < first + count; i++) {
            int at = (int) b.shape.networkOffset(i, r);
            if (!states.isActive(i)) {
                b.output.clearDelta(at, r);
                continue;
            }
            if (!b.shape.shared()) {
                b.setLabels(b.yNet, i * b.shape.rows(), r);
            }
            b.nW2.get(i * C * width, b.w2Net, 0, C * width);
            b.output.train(at, r, b.w2Net, b.b2, i * C, b.labels, alpha, lr);
            b.nW2.put(i * C * width, b.w2Net, 0, C * width);
        }
        clock.charge(Phase.OUTPUT_LAYER, t);
    }

    /**
     * Backpropagation through the hidden layers below the top one (with more than one: the group is chunk c) and the
     * first layer's update for networks {@code [first, first+count)}, alpha = −lr/B.
     */
    private void backward(int c, int first, int count, int r, float alpha) {
        int width = b.shape.width();
        int ld = BlockShape.lead(r);
        int cols = count * width;
        long base = b.shape.networkOffset(first, r);
        long nn = (long) width * width;
        for (int l = b.shape.layers() - 1; l >= 1; l--) {
            long t = PhaseClock.now();
            for (int j = 0; j < count; j++) {
                long block = base + (long) j * width * ld;
                FloatPointer dz = at(b.pActs[l], block);
                FloatPointer w = at(b.pWHidden[l], (first + j) * nn);
                Sgemm.gemm(true, false, width, r, width, 1f, w, width, dz, ld, 0f, at(b.pGrad, block), ld);
                Sgemm.gemm(false, true, width, width, r, alpha, dz, ld, at(b.pActs[l - 1], block), ld, 1f, w, width);
            }
            Sgemm.gemv(cols, r, alpha, at(b.pActs[l], base), ld, b.pOnes, 1f, at(b.pBHidden[l], (long) first * width));
            clock.charge(Phase.HIDDEN_LAYERS, t);
            t = PhaseClock.now();
            forward.relu.backward(l - 1, c, ld);
            clock.charge(Phase.RELU_BACKWARD, t);
        }
        long t = PhaseClock.now();
        updateFirstLayer(first, count, r, alpha);
        clock.charge(Phase.FIRST_LAYER_UPDATE, t);
    }

    /** W1 += alpha · Xᵀ·dZ for networks {@code [first, first+count)}: one product over the shared input or one each. */
    private void updateFirstLayer(int first, int count, int r, float alpha) {
        int f1 = b.shape.f1();
        int kn = b.shape.kn();
        int width = b.shape.width();
        int ld = BlockShape.lead(r);
        int cols = count * width;
        long base = b.shape.networkOffset(first, r);
        if (b.shape.shared()) {
            Sgemm.gemm(true, true, f1, cols, r, alpha, b.pXShared, f1, at(b.pActs[0], base), ld, 1f,
                    at(b.pW1, (long) first * width), kn);
        } else {
            for (int j = 0; j < count; j++) {
                int i = first + j;
                Sgemm.gemm(true, true, f1, width, r, alpha, move(xNet, b.pXNet, (long) i * b.shape.rows() * f1), f1,
                        move(acts0, b.pActs[0], base + (long) j * width * ld), ld, 1f,
                        move(w1, b.pW1, (long) i * width), kn);
            }
        }
    }
}
