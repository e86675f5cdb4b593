package org.losslab.training.batched;

import org.losslab.training.batched.BatchedTrainer.Phase;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link ForwardPass} through ND4J ops: the same products with the same shapes and transposes
 * ({@code Nd4j.gemm} on views instead of OpenBLAS on pointers), ReLU in place, biases added after the
 * products (the fast path's output products accumulate onto the broadcast biases; for one pass over
 * the inner dimension both give {@code dot + b}).
 */
final class Nd4jForwardPass {

    private final Nd4jBlockBuffers b;
    private final PhaseClock clock;

    Nd4jForwardPass(Nd4jBlockBuffers buffers, PhaseClock clock) {
        this.b = buffers;
        this.clock = clock;
    }

    /** Logits of all K networks for {@code x} ({@code [r × (f+1)]}), or for each network's own rows. */
    void run(Nd4jViews v, INDArray x, boolean perNetworkInput, boolean evaluating) {
        int k = b.shape.k();
        long t = PhaseClock.now();
        if (perNetworkInput) {
            for (int i = 0; i < k; i++) {
                Nd4jGemm.gemm(v.xNet[i], b.w1Net[i], v.actsNet[0][i], false, false, 1.0, 0.0);
            }
        } else {
            Nd4jGemm.gemm(x, b.w1, v.acts[0], false, false, 1.0, 0.0);
        }
        long t1 = clock.charge(evaluating ? Phase.EVAL_FIRST_LAYER : Phase.FIRST_LAYER_FORWARD, t);
        relu(v.acts[0]);
        long t2 = clock.charge(evaluating ? Phase.EVAL_OTHER_LAYERS : Phase.RELU, t1);
        for (int l = 1; l < b.shape.layers(); l++) {
            for (int i = 0; i < k; i++) {
                Nd4jGemm.gemm(v.actsNet[l - 1][i], b.wHiddenNet[l][i], v.actsNet[l][i], false, true, 1.0, 0.0);
            }
            v.acts[l].addiRowVector(b.bHidden[l]);
            relu(v.acts[l]);
        }
        long t3 = clock.charge(evaluating ? Phase.EVAL_OTHER_LAYERS : Phase.HIDDEN_LAYERS, t2);
        int top = b.shape.layers() - 1;
        for (int i = 0; i < k; i++) {
            Nd4jGemm.gemm(v.actsNet[top][i], b.w2Net[i], v.logitsNet[i], false, true, 1.0, 0.0);
        }
        v.logits3.addi(b.b2.reshape(k, 1, Nd4jBlockBuffers.C));
        clock.charge(evaluating ? Phase.EVAL_OTHER_LAYERS : Phase.OUTPUT_FORWARD, t3);
    }

    private static void relu(INDArray a) {
        Nd4j.exec(new RectifiedLinear(a, a, 0.0));
    }
}
