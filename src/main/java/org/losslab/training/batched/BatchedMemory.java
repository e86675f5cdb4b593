package org.losslab.training.batched;

import java.lang.management.ManagementFactory;
import org.bytedeco.javacpp.Pointer;
import org.losslab.spec.TrainingSpec;

/**
 * Memory a {@link BatchedTrainer} of K networks allocates, split into off-heap (ND4J buffers, bounded
 * by {@code org.bytedeco.javacpp.maxbytes}) and Java heap, and the largest K that fits a budget.
 * The estimate is the trainer's own allocation list ({@link BatchedTrainer#allocatedBytes} reports
 * the same off-heap total, checked by a test), so peak memory is bounded by construction: nothing
 * grows after the constructor except each epoch's permutations, the checkpoints' bytes and one group of export
 * arrays (about 256 KiB, or one network's parameters if larger), made at the first export and reused.
 */
public final class BatchedMemory {

    /** Rows of the training buffers when the batch is smaller. */
    public static final int MIN_ROWS = 100;
    /**
     * Bytes of the row-sized buffers (activations, gradient, inputs) up to which evaluation blocks
     * grow beyond the training rows, and their largest row count (measured: docs/performance.md, lever 11).
     */
    static final long EVAL_BYTES = 128L << 20;
    static final int EVAL_ROWS_MAX = 500;
    static final int CLASSES = 10;

    private BatchedMemory() {
    }

    /** Bytes needed for K networks: {@code [offHeap, heap]}. */
    public static long[] bytes(int k, int features, int width, int hiddenLayers, int batchSize, boolean shared,
                               int trainCount) {
        long n = width;
        long rows = rows(batchSize);
        long eval = evalRows(k, features, width, hiddenLayers, batchSize);
        long lead = BlockShape.lead((int) eval);
        long f1 = features + 1L;
        boolean fused = BlockShape.fusedOutput(width);
        long off = (shared ? 0 : k * rows * f1)       // per-network inputs
                + f1 * k * n                          // first layer weights and biases
                + (hiddenLayers - 1L) * (k * n * n + k * n)
                + k * CLASSES * n                     // output weights
                + lead * activationFloatsPerRow(chunkNetworks(k, width), width, hiddenLayers) // one chunk, rows padded
                + eval * offHeapFloatsPerRow(k, features, width)
                + lead;                               // ones vector for bias gradients
        long heap = k * CLASSES                       // output biases
                + eval * heapFloatsPerRow(k, features, width)
                + Math.max(0, (shared ? rows : k * rows) - eval) * f1 // per-network inputs on the heap
                + (shared ? 0 : k * rows)             // per-network labels
                + (shared ? 0 : k * (long) trainCount) // per-network permutations (ints)
                + 2L * k * n                          // export row buffer and loss accumulators
                + 2L * k * n                          // ReLU scratch rows (two of a chunk's columns, at most K·n)
                + (fused ? CLASSES * n + lead + OutputLayer.floats((int) eval) : 0); // fused kernels' scratch
        return new long[] {4 * off, 4 * heap};
    }

    /**
     * Rows of an evaluation block ({@link BlockShape#evalRows}): the training rows times the largest factor
     * (at most {@link #EVAL_ROWS_MAX} rows) whose row-sized buffers fit {@link #EVAL_BYTES}, or the training
     * rows when not even two times fit (wide blocks). A function of the block's shape only, never of the
     * machine, because it decides the summation order of the evaluation (a resumed block must evaluate alike).
     */
    static int evalRows(int k, int features, int width, int hiddenLayers, int batchSize) {
        int rows = rows(batchSize);
        long perLead = 4L * activationFloatsPerRow(chunkNetworks(k, width), width, hiddenLayers);
        long perRow = 4L * (offHeapFloatsPerRow(k, features, width) + heapFloatsPerRow(k, features, width));
        int factor = EVAL_ROWS_MAX / rows;
        while (factor > 1 && BlockShape.lead(factor * rows) * perLead + (long) factor * rows * perRow > EVAL_BYTES) {
            factor--;
        }
        return Math.max(1, factor) * rows;
    }

    /** Networks of one chunk of the default shape: the activation buffers hold one chunk ({@link BlockShape#chunkOffset}). */
    private static long chunkNetworks(int k, int width) {
        return BlockShape.chunkNetworks(k, width, BlockShape.defaultChunkColumns(k, width));
    }

    /**
     * Off-heap floats per padded row ({@link BlockShape#lead}) of {@code k} networks: activations of each hidden
     * layer and a gradient, which the fused output layer ({@link BlockShape#fusedOutput}) needs only with more than
     * one hidden layer.
     */
    private static long activationFloatsPerRow(long k, int width, int hiddenLayers) {
        boolean grad = hiddenLayers > 1 || !BlockShape.fusedOutput(width);
        return (hiddenLayers + (grad ? 1L : 0L)) * k * width;
    }

    /** Off-heap floats per buffer row: shared input and, unless fused, the output products' logits. */
    private static long offHeapFloatsPerRow(long k, int features, int width) {
        return features + 1L + (BlockShape.fusedOutput(width) ? 0 : k * CLASSES);
    }

    /**
     * Heap floats per buffer row: shared input, label and, unless fused, logits as written and class-major and
     * the softmax scratch.
     */
    private static long heapFloatsPerRow(long k, int features, int width) {
        return features + 1L + 1
                + (BlockShape.fusedOutput(width) ? 0 : 2L * k * CLASSES + ClassMajorSoftmax.Rows.floats(1));
    }

    public static long[] bytes(TrainingSpec spec, int features, int width, int k, int trainCount) {
        return bytes(k, features, width, spec.hiddenLayers(), spec.batchSize(), "shared".equals(spec.dataOrder()),
                trainCount);
    }

    /**
     * Largest K (at least 1, at most {@code limit}) whose off-heap and heap needs fit the budgets.
     * Returns 0 when not even one network fits. Where {@link #evalRows} steps down, one more network can need
     * less memory; below budgets of a few hundred MB the bisection may then stop at such a step, short of the
     * largest K (what it returns always fits).
     */
    public static int maxNetworks(TrainingSpec spec, int features, int width, int trainCount, long offHeapBudget,
                                  long heapBudget, int limit) {
        int lo = 0;
        int hi = Math.max(1, limit);
        while (lo < hi) {
            int mid = (int) ((lo + (long) hi + 1) / 2);
            long[] b = bytes(spec, features, width, mid, trainCount);
            if (b[0] <= offHeapBudget && b[1] <= heapBudget) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * {@link #maxNetworks} with budgets taken from this JVM and machine: {@code fraction} of the smaller of
     * {@code org.bytedeco.javacpp.maxbytes} and the free physical memory, and of the free heap. Use a
     * fraction below 1 (e.g. 0.7) and divide it by the number of trainers that will run at once.
     *
     * <p>ND4J 1.0.0-M2.1 neither counts its CPU buffers in {@link Pointer#totalBytes()} nor refuses
     * allocations beyond {@code maxbytes} (measured: a 4 GB array under maxbytes=2G succeeds), so this
     * estimate is the bound: a trainer allocates all its buffers in its constructor and nothing later.
     */
    public static int maxNetworksForThisJvm(TrainingSpec spec, int features, int width, int trainCount,
                                            double fraction, int limit) {
        long maxOff = org.losslab.training.TrainingMemory.offHeapLimit();
        long free = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getFreeMemorySize();
        long off = (long) (Math.min(maxOff, free) * fraction);
        Runtime rt = Runtime.getRuntime();
        long heap = (long) ((rt.maxMemory() - (rt.totalMemory() - rt.freeMemory())) * fraction);
        return maxNetworks(spec, features, width, trainCount, off, heap, limit);
    }

    static int rows(int batchSize) {
        return Math.max(batchSize, MIN_ROWS);
    }
}
