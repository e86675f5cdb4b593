package org.losslab.training.batched;

import org.losslab.training.EpochOrder;
import org.losslab.training.PreparedData;
import org.losslab.training.batched.BatchedTrainer.Phase;

/**
 * {@code data_order: independent}: each network follows its own permutation, so each gathers its own
 * minibatch ({@code X_k}, K of them in one buffer), and the first layer becomes K products
 * {@code X_k · W1[:, block k]} of size B × (f+1) × n instead of one: the same arithmetic, but far less
 * efficient for small n (a 100×101×25 product runs at a fraction of the large one's speed), and the
 * gather copies K·B·(f+1) floats per step. Prefer {@code shared} for throughput; evaluation is shared
 * in both modes.
 */
final class IndependentOrder implements DataOrder {

    private final PreparedData data;
    private final int batchSize;
    private final long specSeed;
    private final int width;
    private final int[] restarts;
    private final NetworkStates states;
    private final RowLoader loader;
    private final MinibatchStep step;
    private final PhaseClock clock;

    IndependentOrder(PreparedData data, int batchSize, long specSeed, int width, int[] restarts,
                     NetworkStates states, RowLoader loader, MinibatchStep step, PhaseClock clock) {
        this.data = data;
        this.batchSize = batchSize;
        this.specSeed = specSeed;
        this.width = width;
        this.restarts = restarts;
        this.states = states;
        this.loader = loader;
        this.step = step;
        this.clock = clock;
    }

    @Override
    public long orderSeed(int i, int epoch) {
        return EpochOrder.seed(specSeed, false, width, restarts[i], epoch);
    }

    @Override
    public void trainEpoch(int epoch, float lr) {
        int n = data.trainCount();
        int k = restarts.length;
        int[][] orders = new int[k][];
        for (int i = 0; i < k; i++) {
            orders[i] = states.isActive(i) ? EpochOrder.permutation(n, orderSeed(i, epoch)) : null;
        }
        for (int start = 0; start < n; start += batchSize) {
            int r = Math.min(batchSize, n - start);
            long g = PhaseClock.now();
            for (int i = 0; i < k; i++) {
                if (orders[i] != null) {
                    loader.loadNetwork(i, data.trainX(), data.trainY(), orders[i], start, r);
                }
            }
            loader.publishNetworkRows();
            clock.charge(Phase.GATHER, g);
            step.run(r, lr);
        }
    }
}
