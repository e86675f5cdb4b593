package org.losslab.training.batched;

import org.losslab.training.EpochOrder;
import org.losslab.training.PreparedData;
import org.losslab.training.batched.BatchedTrainer.Phase;

/**
 * {@code data_order: shared}: every network sees the same minibatches in the same order (the shared
 * stream of {@link EpochOrder#seed} depends on the spec seed and epoch only), so one gathered input
 * serves the whole block and the first layer is one large product.
 */
final class SharedOrder implements DataOrder {

    private final PreparedData data;
    private final int batchSize;
    private final long specSeed;
    private final int width;
    private final int[] restarts;
    private final RowLoader loader;
    private final MinibatchStep step;
    private final PhaseClock clock;

    SharedOrder(PreparedData data, int batchSize, long specSeed, int width, int[] restarts, RowLoader loader,
                MinibatchStep step, PhaseClock clock) {
        this.data = data;
        this.batchSize = batchSize;
        this.specSeed = specSeed;
        this.width = width;
        this.restarts = restarts;
        this.loader = loader;
        this.step = step;
        this.clock = clock;
    }

    @Override
    public long orderSeed(int i, int epoch) {
        return EpochOrder.seed(specSeed, true, width, restarts[i], epoch);
    }

    @Override
    public void trainEpoch(int epoch, float lr) {
        int n = data.trainCount();
        int[] order = EpochOrder.permutation(n, orderSeed(0, epoch));
        for (int start = 0; start < n; start += batchSize) {
            int r = Math.min(batchSize, n - start);
            long g = PhaseClock.now();
            loader.loadShared(data.trainX(), data.trainY(), order, start, r);
            clock.charge(Phase.GATHER, g);
            step.run(r, lr);
        }
    }
}
