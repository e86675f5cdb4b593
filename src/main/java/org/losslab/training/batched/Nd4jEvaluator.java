package org.losslab.training.batched;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.losslab.training.batched.BatchedTrainer.Phase;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link BlockEvaluator} through ND4J ops: mean cross-entropy and error rate of every active network,
 * in chunks of the buffers' row count read in place from the device copy of the data set. The summed
 * {@code −log p(label)} of a chunk is one product of the log-softmax {@code [K × r·10]} with the
 * chunk's one-hot labels, so only K sums and K·r argmax indices reach the host per chunk.
 */
final class Nd4jEvaluator {

    private final Nd4jBlockBuffers b;
    private final NetworkStates states;
    private final Nd4jForwardPass forward;
    private final PhaseClock clock;

    Nd4jEvaluator(Nd4jBlockBuffers buffers, NetworkStates states, Nd4jForwardPass forward, PhaseClock clock) {
        this.b = buffers;
        this.states = states;
        this.forward = forward;
        this.clock = clock;
    }

    BlockEvaluator.Scores evaluate(INDArray x, INDArray yOneHot, int[] labels) {
        int k = b.shape.k();
        int rows = b.shape.rows();
        int n = labels.length;
        double[] loss = new double[k];
        long[] wrong = new long[k];
        for (int start = 0; start < n; start += rows) {
            int r = Math.min(rows, n - start);
            Nd4jViews v = b.views(r);
            forward.run(v, x.get(interval(start, start + r), all()), false, true);
            long t = PhaseClock.now();
            long[] predicted = Nd4j.argMax(v.logits, 1).toLongVector();
            for (int i = 0; i < k; i++) {
                for (int row = 0; row < r; row++) {
                    if (predicted[i * r + row] != labels[start + row]) {
                        wrong[i]++;
                    }
                }
            }
            Nd4j.exec(new LogSoftMax(v.logits, v.logits));
            INDArray y = Nd4j.create(yOneHot.data(), new long[] {1, (long) r * Nd4jBlockBuffers.C},
                    new long[] {(long) r * Nd4jBlockBuffers.C, 1}, (long) start * Nd4jBlockBuffers.C, 'c');
            Nd4jGemm.gemm(v.logitsFlat, y, b.lossColumn, false, true, 1.0, 0.0);
            float[] sums = b.lossColumn.toFloatVector();
            for (int i = 0; i < k; i++) {
                loss[i] -= sums[i];
            }
            clock.charge(Phase.EVAL_LOSS, t);
        }
        return BlockEvaluator.Scores.means(states, loss, wrong, n);
    }
}
