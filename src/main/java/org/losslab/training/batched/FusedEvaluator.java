package org.losslab.training.batched;

import org.losslab.training.batched.BatchedTrainer.Phase;

/**
 * {@link BlockEvaluator} for blocks whose output layer runs fused ({@link BlockShape#fusedOutput}): mean
 * cross-entropy loss and error rate of every active network on a whole data set, in blocks of
 * {@link BlockShape#evalRows} rows through the shared input and {@link OutputLayer#score} per network.
 */
final class FusedEvaluator implements BlockEvaluation {

    private static final int C = BatchedMemory.CLASSES;

    private final BlockBuffers b;
    private final NetworkStates states;
    private final RowLoader loader;
    private final FusedForwardPass forward;
    private final PhaseClock clock;

    FusedEvaluator(BlockBuffers buffers, NetworkStates states, RowLoader loader, FusedForwardPass forward,
                   PhaseClock clock) {
        this.b = buffers;
        this.states = states;
        this.loader = loader;
        this.forward = forward;
        this.clock = clock;
    }

    @Override
    public BlockEvaluator.Scores evaluate(float[] x, int[] y) {
        int k = b.shape.k();
        int rows = b.shape.evalRows();
        int n = y.length;
        double[] loss = new double[k];
        long[] wrong = new long[k];
        for (int start = 0; start < n; start += rows) {
            int r = Math.min(rows, n - start);
            long g = PhaseClock.now();
            loader.loadShared(x, y, null, start, r);
            b.setLabels(b.yShared, 0, r);
            clock.charge(Phase.GATHER, g);
            int group = forward.group(r);
            for (int c = 0; c < b.shape.chunks(); c++) {
                int end = b.shape.chunkFirst(c) + b.shape.chunkSize(c);
                for (int first = b.shape.chunkFirst(c); first < end; first += group) {
                    int count = Math.min(group, end - first);
                    forward.run(c, r, false, true, first, count);
                    long t = PhaseClock.now();
                    score(first, count, r, loss, wrong);
                    clock.charge(Phase.EVAL_LOSS, t);
                }
            }
        }
        return BlockEvaluator.Scores.means(states, loss, wrong, n);
    }

    /**
     * Adds networks {@code [first, first+count)}'s misclassified rows (the label is not the first maximum of the
     * logits) and summed {@code −log p(label)} ({@link OutputLayer#score}).
     */
    private void score(int first, int count, int r, double[] loss, long[] wrong) {
        int width = b.shape.width();
        for (int i = first; i < first + count; i++) {
            if (states.isActive(i)) {
                b.nW2.get(i * C * width, b.w2Net, 0, C * width);
                loss[i] += b.output.score((int) b.shape.networkOffset(i, r), r, b.w2Net, b.b2, i * C, b.labels,
                        wrong, i);
            }
        }
    }
}
