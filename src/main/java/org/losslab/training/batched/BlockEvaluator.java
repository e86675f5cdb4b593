package org.losslab.training.batched;

import org.losslab.training.batched.BatchedTrainer.Phase;

/**
 * Mean cross-entropy loss and error rate of every active network on a whole data set, as
 * {@code LossEvaluator} computes them, in chunks of the buffers' row count through the shared input
 * (one first-layer product for all networks, whatever the training data order).
 */
final class BlockEvaluator {

    private static final int C = BatchedMemory.CLASSES;

    /** Per network mean loss and error; NaN for inactive networks. */
    record Scores(double[] loss, double[] error) {
    }

    private final BlockBuffers b;
    private final NetworkStates states;
    private final RowLoader loader;
    private final ForwardPass forward;
    private final PhaseClock clock;
    private final boolean fused;

    BlockEvaluator(BlockBuffers buffers, NetworkStates states, RowLoader loader, ForwardPass forward,
                   PhaseClock clock, boolean fused) {
        this.b = buffers;
        this.states = states;
        this.loader = loader;
        this.forward = forward;
        this.clock = clock;
        this.fused = fused;
    }

    Scores evaluate(float[] x, int[] y) {
        int k = b.shape.k();
        int rows = b.shape.rows();
        int n = y.length;
        double[] loss = new double[k];
        long[] wrong = new long[k];
        for (int start = 0; start < n; start += rows) {
            int r = Math.min(rows, n - start);
            long g = PhaseClock.now();
            loader.loadShared(x, y, null, start, r);
            clock.charge(Phase.GATHER, g);
            for (int c = 0; c < b.shape.chunks(); c++) {
                forward.run(c, r, false, true);
            }
            long t = PhaseClock.now();
            forward.logitsToHeap(0, k, r);
            score(r, loss, wrong);
            clock.charge(Phase.EVAL_LOSS, t);
        }
        double[] meanLoss = new double[k];
        double[] error = new double[k];
        for (int i = 0; i < k; i++) {
            meanLoss[i] = states.isActive(i) ? loss[i] / n : Double.NaN;
            error[i] = states.isActive(i) ? (double) wrong[i] / n : Double.NaN;
        }
        return new Scores(meanLoss, error);
    }

    /**
     * Adds each network's misclassified rows (argmax of the logits, first maximum on ties) and summed
     * {@code −log p(label) = log Σ exp(z − max) − (z_label − max)}, in one pass over the logits.
     */
    private void score(int r, double[] loss, long[] wrong) {
        float[] z = b.heapLogits;
        for (int i = 0; i < b.shape.k(); i++) {
            if (!states.isActive(i)) {
                continue;
            }
            long bad = 0;
            double sum = 0;
            int base = i * r * C;
            if (fused) {
                loss[i] += ClassMajorSoftmax.crossEntropy(z, base, r, b.yShared, 0, b.softmaxRows, wrong, i);
                continue;
            }
            for (int row = 0; row < r; row++) {
                int o = base + row * C;
                int arg = 0;
                for (int c = 1; c < C; c++) {
                    if (z[o + c] > z[o + arg]) {
                        arg = c;
                    }
                }
                int label = b.yShared[row];
                if (arg != label) {
                    bad++;
                }
                sum += SoftmaxRows.crossEntropy(z, o, z[o + arg], label);
            }
            wrong[i] += bad;
            loss[i] += sum;
        }
    }
}
