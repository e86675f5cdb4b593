package org.losslab.training.batched;

import org.losslab.spec.TrainingSpec;

/**
 * Dimensions of a block of K networks of one width, shared by every part of the trainer so that all of
 * them index the buffers the same way: network i owns columns {@code [i·width, (i+1)·width)} of the first
 * layer's {@code K·width}-wide weights, one block of the activation buffers (below), and its own row blocks of
 * the per-network inputs.
 *
 * @param k        networks in the block
 * @param width    hidden units per layer
 * @param features inputs per example (without the constant 1 column)
 * @param layers   hidden layers
 * @param rows     rows of a training step: the batch, at least {@link BatchedMemory#MIN_ROWS}
 * @param shared   {@code data_order: shared}: one minibatch for all networks
 * @param chunkNetworks networks per chunk (below)
 * @param evalRows rows of an evaluation block and of the activation buffers, at least {@code rows}
 *                 ({@link BatchedMemory#evalRows}): a training step uses the first {@code rows} of them
 * @param fusedOutput whether the activations are feature-major and the output layer runs as {@link OutputLayer}'s
 *                 fused kernels ({@link #fusedOutput(int)}), or row-major with OpenBLAS products ({@link SgdStep})
 *
 * <h2>Chunks and the feature-major layout</h2>
 * The activation and gradient buffers are split into chunks of {@link #chunkNetworks} consecutive networks, so
 * that a minibatch goes through one chunk at a time (forward, output layer, backward, first-layer update) while
 * the chunk's weights and activations are still in cache. Every operation is per network, so the chunks are
 * independent; one chunk of all K is the unchunked layout. The chunk size changes the shapes of the
 * first-layer products and so OpenBLAS's summation order (the last bits): it depends on K and the width
 * only, so a resumed block has the same chunks. Within a chunk the activations of r rows are row-major
 * ({@code [r × chunk columns]}, network i owns {@code width} columns) or, with {@link #fusedOutput},
 * feature-major: network i's hidden unit f holds its r examples contiguously, in a row of {@link #lead}(r)
 * floats, so a network owns one contiguous {@code [width × lead(r)]} block ({@link #networkOffset}) and the
 * Vector API kernels of the output layer ({@link OutputLayer}) read 16 examples at a time. Either way a chunk's
 * region has room for {@code lead(evalRows)} floats per column, and all chunks use the same region
 * ({@link #chunkOffset}): the buffers hold one chunk.
 */
record BlockShape(int k, int width, int features, int layers, int rows, boolean shared, int chunkNetworks,
                  int evalRows, boolean fusedOutput) {

    /**
     * Floats per buffer at most: the ReLU kernels and the logits copies address the buffers through NIO views,
     * whose byte offsets are ints.
     */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE / Float.BYTES;

    /**
     * Columns per chunk (networks × width) of the row-major layout: about 1 MiB of activations in a 100-row step, so
     * that a chunk's per-network products and elementwise passes find its activations in cache (docs/performance.md,
     * lever 17: against one chunk, or chunks of 12,500 columns above 100,000, 1.04–1.18× with `Haswell` and
     * 1.11–1.50× with `SkylakeX` at n1 = 50, 100 and 500). The fused layout keeps one chunk and works in groups
     * instead ({@link FusedForwardPass#group}).
     */
    static final int CHUNK_COLUMNS = 2_500;

    /**
     * Widest networks whose output layer runs as {@link OutputLayer}'s fused kernels on feature-major activations;
     * wider ones keep the row-major layout and OpenBLAS's per-network products ({@link SgdStep}). Measured
     * (docs/performance.md, lever 15): fused 1.06× faster than products at n1 = 25, even at 35, 0.95× at 50, 0.87×
     * at 100. A function of the width only: it decides the bits.
     */
    static final int FUSED_MAX_WIDTH = 32;

    /** Whether this width's output layer runs fused ({@link #FUSED_MAX_WIDTH}). */
    static boolean fusedOutput(int width) {
        return width <= FUSED_MAX_WIDTH;
    }

    /** Columns per chunk for K networks of this width: {@link #CHUNK_COLUMNS} row-major, all of them fused. */
    static int defaultChunkColumns(int k, int width) {
        return fusedOutput(width) ? Integer.MAX_VALUE : CHUNK_COLUMNS;
    }

    /** The shape for a spec, refusing blocks whose buffers would exceed 2^31 elements (ND4J's int indexing). */
    static BlockShape of(TrainingSpec spec, int features, int width, int k) {
        return of(spec, features, width, k, defaultChunkColumns(k, width));
    }

    /** The shape with chunks of {@code chunkColumns / width} networks (at least one, at most K). */
    static BlockShape of(TrainingSpec spec, int features, int width, int k, int chunkColumns) {
        return of(spec, features, width, k, chunkColumns,
                BatchedMemory.evalRows(k, features, width, spec.hiddenLayers(), spec.batchSize()));
    }

    /** The shape with evaluation blocks of {@code evalRows} rows (at least the training rows): for tests. */
    static BlockShape of(TrainingSpec spec, int features, int width, int k, int chunkColumns, int evalRows) {
        return of(spec, features, width, k, chunkColumns, evalRows, fusedOutput(width));
    }

    /** The shape with the output layer fused or not, whatever the width: for measurements and tests. */
    static BlockShape of(TrainingSpec spec, int features, int width, int k, int chunkColumns, int evalRows,
                         boolean fused) {
        int rows = BatchedMemory.rows(spec.batchSize());
        int f1 = features + 1;
        long knLong = (long) k * width;
        long maxRows = Math.max(rows, evalRows);
        if (knLong * Math.max(lead((int) maxRows), f1) > MAX_ELEMENTS
                || (long) k * rows * f1 > MAX_ELEMENTS || (long) k * maxRows * BatchedMemory.CLASSES > MAX_ELEMENTS) {
            throw new IllegalArgumentException(k + " networks of width " + width + " with " + rows + "-row batches"
                    + " exceed 2 GiB per buffer; use smaller blocks or batches");
        }
        return new BlockShape(k, width, features, spec.hiddenLayers(), rows, "shared".equals(spec.dataOrder()),
                chunkNetworks(k, width, chunkColumns), (int) maxRows, fused);
    }

    /** Networks per chunk of K networks of this width in chunks of {@code chunkColumns}: at least one, at most K. */
    static int chunkNetworks(int k, int width, int chunkColumns) {
        return Math.max(1, Math.min(k, chunkColumns / width));
    }

    /** Inputs per example including the constant 1 column that carries the first layer's biases. */
    int f1() {
        return features + 1;
    }

    /** Columns of the block-wide activation buffers: {@code K·width}. */
    int kn() {
        return k * width;
    }

    int chunks() {
        return (k + chunkNetworks() - 1) / chunkNetworks();
    }

    /** The first network of chunk c. */
    int chunkFirst(int c) {
        return c * chunkNetworks();
    }

    /** Networks in chunk c (the last chunk may be smaller). */
    int chunkSize(int c) {
        return Math.min(chunkNetworks(), k - chunkFirst(c));
    }

    /**
     * Floats per feature row of r examples: r rounded up to {@link OutputLayer#LANES}, so that every row starts a
     * whole vector. The lanes past r are padding that no product reads.
     */
    static int lead(int r) {
        return (r + OutputLayer.LANES - 1) / OutputLayer.LANES * OutputLayer.LANES;
    }

    /** Columns of one chunk's region in the activation and gradient buffers: the widest chunk's. */
    int chunkColumns() {
        return chunkNetworks * width;
    }

    /**
     * Element offset of chunk c's region in the activation and gradient buffers: 0, since every chunk's
     * activations live only while its chunk is trained or evaluated (each step and each evaluation block finishes a
     * chunk before the next one starts), so all chunks share one region that stays in cache (docs/performance.md,
     * lever 20; the buffers hold one chunk: {@code lead(evalRows)} floats per column).
     */
    long chunkOffset(int c) {
        return 0;
    }

    /** Feature-major layout: element offset of network i's {@code [width × lead(r)]} block for r rows. */
    long networkOffset(int i, int r) {
        int c = i / chunkNetworks();
        return chunkOffset(c) + (long) (i - chunkFirst(c)) * width * lead(r);
    }
}
