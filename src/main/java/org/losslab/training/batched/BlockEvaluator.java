package org.losslab.training.batched;

import org.losslab.training.batched.BatchedTrainer.Phase;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.factory.Nd4j;

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

    BlockEvaluator(BlockBuffers buffers, NetworkStates states, RowLoader loader, ForwardPass forward,
                   PhaseClock clock) {
        this.b = buffers;
        this.states = states;
        this.loader = loader;
        this.forward = forward;
        this.clock = clock;
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
            forward.run(r, b.views(r), false, true);
            long t = PhaseClock.now();
            BlockBuffers.Views v = b.views(r);
            b.nLogits.get(0, b.heapLogits, 0, k * r * C);
            countErrors(r, wrong);
            Nd4j.exec(new LogSoftMax(v.logits(), v.logits()));
            b.nLogits.get(0, b.heapLogits, 0, k * r * C);
            addLosses(r, loss);
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

    /** Adds each network's misclassified rows (argmax of the logits, first maximum on ties). */
    private void countErrors(int r, long[] wrong) {
        float[] logits = b.heapLogits;
        for (int i = 0; i < b.shape.k(); i++) {
            if (!states.isActive(i)) {
                continue;
            }
            long bad = 0;
            int base = i * r * C;
            for (int row = 0; row < r; row++) {
                int o = base + row * C;
                int arg = 0;
                for (int c = 1; c < C; c++) {
                    if (logits[o + c] > logits[o + arg]) {
                        arg = c;
                    }
                }
                if (arg != b.yShared[row]) {
                    bad++;
                }
            }
            wrong[i] += bad;
        }
    }

    /** Adds each network's summed −log p(label) from the log-softmax in {@code heapLogits}. */
    private void addLosses(int r, double[] loss) {
        float[] logProbs = b.heapLogits;
        for (int i = 0; i < b.shape.k(); i++) {
            if (!states.isActive(i)) {
                continue;
            }
            double sum = 0;
            int base = i * r * C;
            for (int row = 0; row < r; row++) {
                sum -= logProbs[base + row * C + b.yShared[row]];
            }
            loss[i] += sum;
        }
    }
}
