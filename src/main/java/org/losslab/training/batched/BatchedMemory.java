package org.losslab.training.batched;

import java.lang.management.ManagementFactory;
import org.bytedeco.javacpp.Pointer;
import org.losslab.spec.TrainingSpec;

/**
 * Memory a {@link BatchedTrainer} of K networks allocates, split into off-heap (ND4J buffers, bounded
 * by {@code org.bytedeco.javacpp.maxbytes}) and Java heap, and the largest K that fits a budget.
 * The estimate is the trainer's own allocation list ({@link BatchedTrainer#allocatedBytes} reports
 * the same off-heap total, checked by a test), so peak memory is bounded by construction: nothing
 * grows after the constructor except each epoch's permutations and one network's export copy at a time.
 */
public final class BatchedMemory {

    /** Rows of the activation buffers when the batch is smaller: evaluation runs in chunks of this size. */
    public static final int MIN_ROWS = 100;
    static final int CLASSES = 10;

    private BatchedMemory() {
    }

    /** Bytes needed for K networks: {@code [offHeap, heap]}. */
    public static long[] bytes(int k, int features, int width, int hiddenLayers, int batchSize, boolean shared,
                               int trainCount) {
        long n = width;
        long rows = rows(batchSize);
        long f1 = features + 1L;
        long off = rows * f1                          // shared input (with the ones column)
                + (shared ? 0 : k * rows * f1)        // per-network inputs
                + f1 * k * n                          // first layer weights and biases
                + (hiddenLayers - 1L) * (k * n * n + k * n)
                + k * CLASSES * n                     // output weights
                + (hiddenLayers + 1L) * rows * k * n  // activations per hidden layer + one gradient buffer
                + k * rows * CLASSES                  // logits / output deltas
                + rows;                               // ones vector for bias gradients
        long heap = k * CLASSES                       // output biases
                + 2L * k * rows * CLASSES             // logits as written and class-major on the heap
                + 5L * rows                           // softmax scratch rows
                + rows * f1 + (shared ? 0 : k * rows * f1)
                + (shared ? 0 : k * (long) trainCount) // per-network permutations (ints)
                + 2L * k * n                          // export row buffer and loss accumulators
                + 2L * k * n;                         // ReLU scratch rows (two of a chunk's columns, at most K·n)
        return new long[] {4 * off, 4 * heap};
    }

    public static long[] bytes(TrainingSpec spec, int features, int width, int k, int trainCount) {
        return bytes(k, features, width, spec.hiddenLayers(), spec.batchSize(), "shared".equals(spec.dataOrder()),
                trainCount);
    }

    /**
     * Largest K (at least 1, at most {@code limit}) whose off-heap and heap needs fit the budgets.
     * Returns 0 when not even one network fits.
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
