package org.losslab.training.batched;

/**
 * How a block walks through the training set in an epoch: the permutation stream(s) from
 * {@link org.losslab.training.EpochOrder}, gathering each minibatch, one {@link SgdStep} per minibatch.
 * {@code data_order: shared} gives {@link SharedOrder}, {@code independent} {@link IndependentOrder}.
 */
interface DataOrder {

    /** Seed of network i's permutation for {@code epoch}: what a checkpoint records as its next order stream. */
    long orderSeed(int i, int epoch);

    /** Trains one epoch of every active network (epoch is the number of epochs completed before it). */
    void trainEpoch(int epoch, float lr);
}
