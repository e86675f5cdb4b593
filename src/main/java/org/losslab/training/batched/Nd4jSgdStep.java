package org.losslab.training.batched;

import org.losslab.training.batched.BatchedTrainer.Phase;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link SgdStep} through ND4J ops: forward, output delta {@code softmax − onehot} (zero for inactive
 * networks, by a 0/1 mask), output biases {@code b2 −= (Σ delta / B) · lr}, then backpropagation with
 * every weight matrix updated in place by a product with alpha {@code −lr/B} and beta 1, in the fast
 * path's order. Everything stays on the device; nothing is copied to the host.
 */
final class Nd4jSgdStep {

    private final Nd4jBlockBuffers b;
    private final Nd4jForwardPass forward;
    private final PhaseClock clock;

    Nd4jSgdStep(Nd4jBlockBuffers buffers, Nd4jForwardPass forward, PhaseClock clock) {
        this.b = buffers;
        this.forward = forward;
        this.clock = clock;
    }

    /** One step on the r rows gathered into {@code xShared}/{@code yShared} or each network's {@code xNet}/{@code yNet}. */
    void run(int r, float lr) {
        Nd4jViews v = b.views(r);
        boolean shared = b.shape.shared();
        forward.run(v, v.x, !shared, false);
        outputDelta(v, lr);
        float alpha = -(lr / (float) r);
        int k = b.shape.k();
        int top = b.shape.layers() - 1;
        long t = PhaseClock.now();
        for (int i = 0; i < k; i++) {
            Nd4jGemm.gemm(v.logitsNet[i], b.w2Net[i], v.gradNet[i], false, false, 1.0, 0.0);
            Nd4jGemm.gemm(v.logitsNet[i], v.actsNet[top][i], b.w2Net[i], true, false, alpha, 1.0);
        }
        clock.charge(Phase.OUTPUT_BACKWARD, t);
        reluBackward(v, top);
        for (int l = top; l >= 1; l--) {
            t = PhaseClock.now();
            for (int i = 0; i < k; i++) {
                Nd4jGemm.gemm(v.actsNet[l][i], b.wHiddenNet[l][i], v.gradNet[i], false, false, 1.0, 0.0);
                Nd4jGemm.gemm(v.actsNet[l][i], v.actsNet[l - 1][i], b.wHiddenNet[l][i], true, false, alpha, 1.0);
            }
            Nd4jGemm.gemm(v.ones, v.acts[l], b.bHidden[l], false, false, alpha, 1.0);
            clock.charge(Phase.HIDDEN_LAYERS, t);
            reluBackward(v, l - 1);
        }
        t = PhaseClock.now();
        if (shared) {
            Nd4jGemm.gemm(v.x, v.acts[0], b.w1, true, false, alpha, 1.0);
        } else {
            for (int i = 0; i < k; i++) {
                Nd4jGemm.gemm(v.xNet[i], v.actsNet[0][i], b.w1Net[i], true, false, alpha, 1.0);
            }
        }
        clock.charge(Phase.FIRST_LAYER_UPDATE, t);
    }

    private void outputDelta(Nd4jViews v, float lr) {
        long t = PhaseClock.now();
        Nd4j.exec(new SoftMax(v.logits, v.logits, 1));
        if (b.shape.shared()) {
            v.logitsFlat.subiRowVector(v.yFlat);
        } else {
            for (int i = 0; i < b.shape.k(); i++) {
                v.logitsNet[i].subi(v.yNet[i]);
            }
        }
        v.logitsFlat.muliColumnVector(b.activeMask);
        INDArray sums = v.logits3.sum(1);
        b.b2.subi(sums.divi(v.r).muli(lr));
        sums.close();
        clock.charge(Phase.SOFTMAX_DELTA, t);
    }

    /** acts[l] := grad ⊙ step(acts[l]), as the fast path computes it. */
    private void reluBackward(Nd4jViews v, int l) {
        long t = PhaseClock.now();
        Nd4j.exec(new Step(v.acts[l], v.acts[l], 0.0));
        Nd4j.exec(new MulOp(v.acts[l], v.grad, v.acts[l]));
        clock.charge(Phase.RELU_BACKWARD, t);
    }
}
