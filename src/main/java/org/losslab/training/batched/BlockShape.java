package org.losslab.training.batched;

import org.losslab.spec.TrainingSpec;

/**
 * Dimensions of a block of K networks of one width, shared by every part of the trainer so that all of
 * them index the buffers the same way: network i owns columns {@code [i·width, (i+1)·width)} of the
 * {@code K·width}-wide buffers, and its own row blocks of the per-network ones.
 *
 * @param k        networks in the block
 * @param width    hidden units per layer
 * @param features inputs per example (without the constant 1 column)
 * @param layers   hidden layers
 * @param rows     rows of the activation buffers ({@link BatchedMemory#rows})
 * @param shared   {@code data_order: shared}: one minibatch for all networks
 */
record BlockShape(int k, int width, int features, int layers, int rows, boolean shared) {

    /** The shape for a spec, refusing blocks whose buffers would exceed 2^31 elements (ND4J's int indexing). */
    static BlockShape of(TrainingSpec spec, int features, int width, int k) {
        int rows = BatchedMemory.rows(spec.batchSize());
        int f1 = features + 1;
        long knLong = (long) k * width;
        if (knLong * Math.max(rows, f1) > Integer.MAX_VALUE || (long) k * rows * f1 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(k + " networks of width " + width + " exceed 2^31 elements per buffer;"
                    + " use smaller blocks");
        }
        return new BlockShape(k, width, features, spec.hiddenLayers(), rows, "shared".equals(spec.dataOrder()));
    }

    /** Inputs per example including the constant 1 column that carries the first layer's biases. */
    int f1() {
        return features + 1;
    }

    /** Columns of the block-wide activation buffers: {@code K·width}. */
    int kn() {
        return k * width;
    }
}
