package org.losslab.training.batched;

import static org.losslab.training.batched.Sgemm.at;

import org.losslab.training.batched.BatchedTrainer.Phase;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Logits of all K networks for the rows in the input buffer(s): the first layer as one product over the
 * shared input or K products over the per-network inputs, ReLU as one in-place op over the whole block,
 * hidden and output layers as small products on each network's column block. Output biases are
 * broadcast on the heap, then the output products accumulate onto them.
 */
final class ForwardPass {

    private static final int C = BatchedMemory.CLASSES;

    private final BlockBuffers b;
    private final PhaseClock clock;

    ForwardPass(BlockBuffers buffers, PhaseClock clock) {
        this.b = buffers;
        this.clock = clock;
    }

    /**
     * {@code logits[K·r × 10]} for r rows of {@code xNet} ({@code perNetworkInput}) or {@code xShared}.
     * Evaluation charges its time to the EVAL phases, training to the per-layer ones.
     */
    void run(int r, BlockBuffers.Views v, boolean perNetworkInput, boolean evaluating) {
        int k = b.shape.k();
        int width = b.shape.width();
        int f1 = b.shape.f1();
        int kn = b.shape.kn();
        int rows = b.shape.rows();
        long t = PhaseClock.now();
        if (perNetworkInput) {
            for (int i = 0; i < k; i++) {
                Sgemm.gemm(false, false, r, width, f1, 1f, at(b.pXNet, (long) i * rows * f1), f1,
                        at(b.pW1, (long) i * width), kn, 0f, at(b.pActs[0], (long) i * width), kn);
            }
        } else {
            Sgemm.gemm(false, false, r, kn, f1, 1f, b.pXShared, f1, b.pW1, kn, 0f, b.pActs[0], kn);
        }
        long t1 = clock.charge(evaluating ? Phase.EVAL_FIRST_LAYER : Phase.FIRST_LAYER_FORWARD, t);
        Nd4j.exec(new RectifiedLinear(v.acts()[0], v.acts()[0], 0.0));
        long t2 = clock.charge(evaluating ? Phase.EVAL_OTHER_LAYERS : Phase.RELU, t1);
        for (int l = 1; l < b.shape.layers(); l++) {
            long nn = (long) width * width;
            for (int i = 0; i < k; i++) {
                Sgemm.gemm(false, true, r, width, width, 1f, at(b.pActs[l - 1], (long) i * width), kn,
                        at(b.pWHidden[l], i * nn), width, 0f, at(b.pActs[l], (long) i * width), kn);
            }
            v.acts()[l].addiRowVector(b.bHidden[l]);
            Nd4j.exec(new RectifiedLinear(v.acts()[l], v.acts()[l], 0.0));
        }
        long t3 = clock.charge(evaluating ? Phase.EVAL_OTHER_LAYERS : Phase.HIDDEN_LAYERS, t2);
        for (int i = 0; i < k; i++) {
            int base = i * r * C;
            for (int row = 0; row < r; row++) {
                System.arraycopy(b.b2, i * C, b.heapLogits, base + row * C, C);
            }
        }
        b.nLogits.put(0, b.heapLogits, 0, k * r * C);
        int top = b.shape.layers() - 1;
        for (int i = 0; i < k; i++) {
            Sgemm.gemm(false, true, r, C, width, 1f, at(b.pActs[top], (long) i * width), kn,
                    at(b.pW2, (long) i * C * width), width, 1f, at(b.pLogits, (long) i * r * C), C);
        }
        clock.charge(evaluating ? Phase.EVAL_OTHER_LAYERS : Phase.OUTPUT_FORWARD, t3);
    }
}
