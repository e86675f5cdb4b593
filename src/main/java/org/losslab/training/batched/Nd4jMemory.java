package org.losslab.training.batched;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.TrainingMemory;
import org.nd4j.linalg.api.environment.Nd4jEnvironment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Memory of a {@link Nd4jBlockTrainer} of K networks ({@link Nd4jBlockBuffers}'s allocation list,
 * checked by a test) and the largest K that fits: on a GPU the budget is the device's free memory as
 * the CUDA backend reports it, on a CPU the off-heap budget {@link BatchedMemory} uses. The device
 * copy of the data sets counts once per trainer.
 */
public final class Nd4jMemory {

    private static final int C = BatchedMemory.CLASSES;

    private Nd4jMemory() {
    }

    /** {@code [device or off-heap, heap]} bytes for K networks over {@code dataRows} training plus test examples. */
    public static long[] bytes(int k, int features, int width, int hiddenLayers, int batchSize, boolean shared,
                               long dataRows) {
        long n = width;
        long rows = BatchedMemory.rows(batchSize);
        long f1 = features + 1L;
        long off = dataRows * (f1 + C)                    // data sets with the ones column, one-hot labels
                + rows * (f1 + C)                         // shared minibatch
                + (shared ? 0 : k * rows * (f1 + C))      // per-network minibatches
                + f1 * k * n                              // first layer weights and biases
                + (hiddenLayers - 1L) * (k * n * n + k * n)
                + k * C * n + k * C                       // output weights and biases
                + (hiddenLayers + 1L) * rows * k * n      // activations per hidden layer + one gradient buffer
                + k * rows * C                            // logits / output deltas
                + rows + 2L * k;                          // ones row, loss column, active mask
        long heap = 4L * (shared ? dataRows : k * dataRows)  // epoch permutations (ints)
                + 8L * k * rows;                          // argmax indices of an evaluation chunk
        return new long[] {4 * off, heap};
    }

    public static long[] bytes(TrainingSpec spec, int features, int width, int k, long dataRows) {
        return bytes(k, features, width, spec.hiddenLayers(), spec.batchSize(), "shared".equals(spec.dataOrder()),
                dataRows);
    }

    /** Largest K in {@code [1, limit]} within both budgets; 0 when not even one network fits. */
    public static int maxNetworks(TrainingSpec spec, int features, int width, long dataRows, long deviceBudget,
                                  long heapBudget, int limit) {
        int lo = 0;
        int hi = Math.max(1, limit);
        while (lo < hi) {
            int mid = (int) ((lo + (long) hi + 1) / 2);
            long[] b = bytes(spec, features, width, mid, dataRows);
            if (b[0] <= deviceBudget && b[1] <= heapBudget) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * {@link #maxNetworks} with {@code fraction} of this device's free memory (a GPU's, from the CUDA
     * backend; on a CPU the smaller of javacpp's maxbytes and the free physical memory) and of the free heap.
     */
    public static int maxNetworksForThisDevice(TrainingSpec spec, int features, int width, long dataRows,
                                               double fraction, int limit) {
        long free = deviceFreeBytes(Nd4j.getExecutioner().getEnvironmentInformation(),
                Nd4j.getAffinityManager().getDeviceForCurrentThread())
                .orElseGet(() -> Math.min(TrainingMemory.offHeapLimit(),
                        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                                .getFreeMemorySize()));
        Runtime rt = Runtime.getRuntime();
        long heap = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return maxNetworks(spec, features, width, dataRows, (long) (free * fraction), (long) (heap * fraction), limit);
    }

    /**
     * Free bytes of a CUDA device in ND4J's environment information ({@code cuda.devicesInformation}, one map
     * per device with {@code cuda.freeMemory}); empty on a backend without devices (the CPU).
     */
    static OptionalLong deviceFreeBytes(Properties environment, Integer device) {
        if (environment.get(Nd4jEnvironment.CUDA_DEVICE_INFORMATION_KEY) instanceof List<?> devices
                && !devices.isEmpty()) {
            int d = device == null || device < 0 || device >= devices.size() ? 0 : device;
            if (devices.get(d) instanceof Map<?, ?> info
                    && info.get(Nd4jEnvironment.CUDA_FREE_MEMORY_KEY) instanceof Number free) {
                return OptionalLong.of(free.longValue());
            }
        }
        return OptionalLong.empty();
    }
}
