package org.losslab.training;

import org.bytedeco.javacpp.Pointer;
import org.losslab.spec.JobSpec;
import org.losslab.spec.TrainingSpec;

/**
 * Refuses absurd sizes before anything is allocated: estimates the off-heap memory that the largest
 * network of a spec needs per training thread (parameters, gradients, updater state, checkpoint
 * copies, minibatch and evaluation activations) and compares it with what ND4J may allocate.
 */
public final class TrainingMemory {

    private static final int EVAL_CHUNK = 4096;

    private TrainingMemory() {
    }

    public static long bytesPerNetwork(TrainingSpec t, int features, int width) {
        long params = ParameterInit.parameterCountExact(t.layerSizes(features, width));
        long activations = (long) Math.max(t.batchSize(), EVAL_CHUNK) * width * t.hiddenLayers() * 3;
        return 4L * (6 * params + activations);
    }

    public static void check(JobSpec spec, int threads) {
        TrainingSpec t = spec.training();
        if (t == null) {
            return;
        }
        int features = spec.data().inputSize();
        long limit = offHeapLimit();
        for (int i = 0; i < t.hiddenWidths().size(); i++) {
            int width = t.hiddenWidths().get(i);
            long need = bytesPerNetwork(t, features, width) * threads;
            if (need > limit) {
                throw new IllegalArgumentException(String.format(
                        "training.hidden_widths[%d]=%d: %d training threads need about %.1f GiB for networks of this "
                                + "size, but ND4J may allocate only %.1f GiB (raise -Dorg.bytedeco.javacpp.maxbytes or "
                                + "lower the width)", i, width, threads, need / 1073741824.0, limit / 1073741824.0));
            }
        }
    }

    /** What ND4J may allocate off the heap: javacpp's maxbytes, or the heap limit it defaults to. */
    public static long offHeapLimit() {
        return Pointer.maxBytes() > 0 ? Pointer.maxBytes() : Runtime.getRuntime().maxMemory();
    }
}
