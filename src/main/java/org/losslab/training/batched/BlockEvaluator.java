package org.losslab.training.batched;

import org.losslab.training.batched.BatchedTrainer.Phase;

/**
 * Mean cross-entropy loss and error rate of every active network on a whole data set, as
 * {@code LossEvaluator} computes them, in blocks of {@link BlockShape#evalRows} rows through the shared input
 * (one first-layer product for all networks, whatever the training data order). Blocks larger than a
 * minibatch share each block's fixed costs (K small output products, the per-row passes) among more rows.
 */
final class BlockEvaluator implements BlockEvaluation {

    private static final int C = BatchedMemory.CLASSES;

    /** Per network mean loss and error; NaN for inactive networks. */
    record Scores(double[] loss, double[] error) {

        /** The means of summed losses and error counts over n examples. */
        static Scores means(NetworkStates states, double[] loss, long[] wrong, int n) {
            double[] meanLoss = new double[loss.length];
            double[] error = new double[loss.length];
            for (int i = 0; i < loss.length; i++) {
                meanLoss[i] = states.isActive(i) ? loss[i] / n : Double.NaN;
                error[i] = states.isActive(i) ? (double) wrong[i] / n : Double.NaN;
            }
            return new Scores(meanLoss, error);
        }
    }

    private final BlockBuffers b;
    private final NetworkStates states;
    private final RowLoader loader;
    private final ForwardPass forward;
    private final PhaseClock clock;

    BlockEvaluator(BlockBuffers buffers, NetworkStates states, RowLoader loader, ForwardPass forward,
                   PhaseClock clock) {
        this.b = buffers;
        this.states = states;
        this.loader = loader;
        this.forward = forward;
        this.clock = clock;
    }

    @Override
    public Scores evaluate(float[] x, int[] y) {
        int k = b.shape.k();
        int rows = b.shape.evalRows();
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
        return BlockEvaluator.Scores.means(states, loss, wrong, n);
    }

    /**
     * Adds each network's misclassified rows (the label is not the first maximum of the logits) and summed
     * {@code −log p(label) = log Σ exp(z − max) − (z_label − max)} ({@link ClassMajorSoftmax#crossEntropy}).
     */
    private void score(int r, double[] loss, long[] wrong) {
        float[] z = b.heapLogits;
        for (int i = 0; i < b.shape.k(); i++) {
            if (states.isActive(i)) {
                loss[i] += ClassMajorSoftmax.crossEntropy(z, i * r * C, r, b.yShared, 0, b.softmaxRows, wrong, i);
            }
        }
    }
}
