package org.losslab.pipeline;

import org.losslab.BadInputException;
import org.losslab.training.batched.BatchedPath;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pins ND4J's thread counts before any training: the OpenMP thread count changes results bit-wise,
 * and one thread per training thread is also the fastest on small networks (docs/architecture.md, determinism).
 * The count comes from {@code LOSSLAB_OMP_THREADS} (default 1); the launcher exports the same value
 * as OMP_NUM_THREADS so the native library starts with it. The batched trainer's path
 * ({@code LOSSLAB_BATCHED_PATH}, {@link BatchedPath}) is checked here too.
 */
public final class NumericsEnvironment {

    private NumericsEnvironment() {
    }

    public static int configure() {
        String v = System.getenv("LOSSLAB_OMP_THREADS");
        int threads = v == null || v.isBlank() ? 1 : Integer.parseInt(v.trim());
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        try {
            BatchedPath.current(); // an unknown LOSSLAB_BATCHED_PATH: one line and exit 2, before any work
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        return threads;
    }

    /** Threads that train partitions in parallel ({@code LOSSLAB_THREADS}, default: the core count). */
    public static int partitionThreads() {
        String v = System.getenv("LOSSLAB_THREADS");
        return v == null || v.isBlank() ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(v.trim());
    }
}
