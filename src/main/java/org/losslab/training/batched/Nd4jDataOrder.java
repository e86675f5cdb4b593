package org.losslab.training.batched;

import java.util.Arrays;
import org.losslab.training.EpochOrder;
import org.losslab.training.batched.BatchedTrainer.Phase;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link SharedOrder} and {@link IndependentOrder} for the ND4J path: the same permutations from
 * {@link EpochOrder} and the same minibatches, gathered on the device ({@code pullRows} from the
 * device copy of the training set) instead of on the heap.
 */
final class Nd4jDataOrder implements DataOrder {

    private final Nd4jBlockBuffers b;
    private final NetworkStates states;
    private final Nd4jSgdStep step;
    private final PhaseClock clock;
    private final int batchSize;
    private final long specSeed;
    private final int width;
    private final int[] restarts;

    Nd4jDataOrder(Nd4jBlockBuffers buffers, NetworkStates states, Nd4jSgdStep step, PhaseClock clock, int batchSize,
                  long specSeed, int width, int[] restarts) {
        this.b = buffers;
        this.states = states;
        this.step = step;
        this.clock = clock;
        this.batchSize = batchSize;
        this.specSeed = specSeed;
        this.width = width;
        this.restarts = restarts;
    }

    @Override
    public long orderSeed(int i, int epoch) {
        return EpochOrder.seed(specSeed, b.shape.shared(), width, restarts[i], epoch);
    }

    @Override
    public void trainEpoch(int epoch, float lr) {
        int n = (int) b.trainX.rows();
        int k = restarts.length;
        boolean shared = b.shape.shared();
        int[][] orders = new int[shared ? 1 : k][];
        for (int i = 0; i < orders.length; i++) {
            orders[i] = states.isActive(i) || shared ? EpochOrder.permutation(n, orderSeed(i, epoch)) : null;
        }
        for (int start = 0; start < n; start += batchSize) {
            int r = Math.min(batchSize, n - start);
            long g = PhaseClock.now();
            Nd4jViews v = b.views(r);
            if (shared) {
                gather(orders[0], start, r, v.x, v.y);
            } else {
                for (int i = 0; i < k; i++) {
                    if (orders[i] != null) {
                        gather(orders[i], start, r, v.xNet[i], v.yNet[i]);
                    }
                }
            }
            clock.charge(Phase.GATHER, g);
            step.run(r, lr);
        }
    }

    private void gather(int[] order, int start, int r, INDArray x, INDArray y) {
        int[] rows = Arrays.copyOfRange(order, start, start + r);
        Nd4j.pullRows(b.trainX, x, 1, rows);
        Nd4j.pullRows(b.trainY, y, 1, rows);
    }
}
