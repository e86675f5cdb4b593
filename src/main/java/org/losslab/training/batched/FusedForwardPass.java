package org.losslab.training.batched;

import static org.losslab.training.batched.Sgemm.at;
import static org.losslab.training.batched.Sgemm.move;

import org.bytedeco.javacpp.FloatPointer;

import org.losslab.training.batched.BatchedTrainer.Phase;

/**
 * {@link ForwardPass} for blocks whose output layer runs fused ({@link BlockShape#fusedOutput}): the hidden
 * pre-activations of one chunk (or group) of networks for the rows in the input buffer(s), feature-major: the
 * first layer as one product {@code Zᵀ = W1ᵀ·Xᵀ} over the shared input (or one per network over its own input),
 * then for each further hidden layer the ReLU of the one below
 * ({@link HeapRelu}), one small product per network on its block and the biases added by a rank-one update.
 * The top layer is left before its ReLU: {@link OutputLayer} applies it as it reads.
 */
final class FusedForwardPass {

    /** Bytes of one group's activations (docs/performance.md, lever 16). */
    static final long GROUP_BYTES = 1L << 20;

    private final BlockBuffers b;
    private final PhaseClock clock;
    /** Reused operand pointers of the per-network products ({@link Sgemm#move}). */
    private final FloatPointer xNet;
    private final FloatPointer w1;
    private final FloatPointer acts0;
    /** ReLU and its derivative (used by {@link FusedSgdStep}) of the layers below the top one. */
    final HeapRelu relu;

    FusedForwardPass(BlockBuffers buffers, PhaseClock clock) {
        this.b = buffers;
        this.clock = clock;
        this.xNet = b.pXNet == null ? null : new FloatPointer(b.pXNet);
        this.w1 = new FloatPointer(b.pW1);
        this.acts0 = new FloatPointer(b.pActs[0]);
        this.relu = new HeapRelu(b);
    }

    /**
     * Networks a group holds ({@link FusedSgdStep}, {@link FusedEvaluator}): as many as keep one hidden layer's
     * activations of r rows within {@link #GROUP_BYTES}, so that the output layer reads them from cache right after
     * the first-layer product wrote them; the whole chunk with more hidden layers. A function of the shape only.
     */
    int group(int r) {
        return group(b.shape, r);
    }

    /** {@link #group(int)} of a shape. */
    static int group(BlockShape s, int r) {
        if (s.layers() > 1) {
            return s.chunkNetworks();
        }
        long perNetwork = 4L * s.width() * BlockShape.lead(r);
        return (int) Math.max(1, Math.min(s.chunkNetworks(), GROUP_BYTES / perNetwork));
    }

    /**
     * Top pre-activations of networks {@code [first, first+count)} of chunk c (a {@link #group}, or the whole chunk
     * with more than one hidden layer: the ReLU between them runs on the whole chunk) for r rows of {@code xNet}
     * ({@code perNetworkInput}) or {@code xShared}. Evaluation charges its time to the EVAL phases, training to the
     * per-layer ones.
     */
    void run(int c, int r, boolean perNetworkInput, boolean evaluating, int first, int count) {
        BlockShape s = b.shape;
        int width = s.width();
        int f1 = s.f1();
        int kn = s.kn();
        int ld = BlockShape.lead(r);
        int cols = count * width;
        long base = s.networkOffset(first, r);
        long t = PhaseClock.now();
        if (perNetworkInput) {
            for (int j = 0; j < count; j++) {
                int i = first + j;
                Sgemm.gemm(true, true, width, r, f1, 1f, move(w1, b.pW1, (long) i * width), kn,
                        move(xNet, b.pXNet, (long) i * s.rows() * f1), f1, 0f,
                        move(acts0, b.pActs[0], base + (long) j * width * ld), ld);
            }
        } else {
            Sgemm.gemm(true, true, cols, r, f1, 1f, at(b.pW1, (long) first * width), kn, b.pXShared, f1, 0f,
                    at(b.pActs[0], base), ld);
        }
        long t1 = clock.charge(evaluating ? Phase.EVAL_FIRST_LAYER : Phase.FIRST_LAYER_FORWARD, t);
        long nn = (long) width * width;
        for (int l = 1; l < s.layers(); l++) {
            relu.forward(l - 1, c, BlockShape.lead(r)); // the chunk's region: lead(r) "rows" of its columns
            for (int j = 0; j < count; j++) {
                long block = base + (long) j * width * ld;
                Sgemm.gemm(false, false, width, r, width, 1f, at(b.pWHidden[l], (first + j) * nn), width,
                        at(b.pActs[l - 1], block), ld, 0f, at(b.pActs[l], block), ld);
            }
            Sgemm.ger(cols, r, 1f, at(b.pBHidden[l], (long) first * width), b.pOnes, at(b.pActs[l], base), ld);
        }
        clock.charge(evaluating ? Phase.EVAL_OTHER_LAYERS : Phase.HIDDEN_LAYERS, t1);
    }
}
