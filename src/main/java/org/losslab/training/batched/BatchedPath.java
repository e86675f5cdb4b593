package org.losslab.training.batched;

import java.util.Locale;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.PreparedData;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which kernels train a block: {@code FAST}, OpenBLAS called directly on host buffers
 * ({@link BatchedTrainer}, CPU only), or {@code ND4J}, the same operations through ND4J's
 * backend-neutral API ({@link Nd4jBlockTrainer}, any backend, e.g. nd4j-cuda). By default the CPU
 * backend gets the fast path and every other backend the ND4J path; the system property
 * {@value #PROPERTY} (or the environment variable {@value #ENV}) = {@code auto|fast|nd4j} overrides,
 * e.g. to run the ND4J path on a CPU. The path changes floating-point bits (not the format of
 * checkpoints), so it is recorded in each execution's provenance like the backend and thread count.
 */
public enum BatchedPath {
    FAST, ND4J;

    public static final String PROPERTY = "losslab.batched.path";
    public static final String ENV = "LOSSLAB_BATCHED_PATH";

    /** The path of this JVM: the override if set, else the one for ND4J's backend. */
    public static BatchedPath current() {
        String override = System.getProperty(PROPERTY);
        String source = PROPERTY;
        if (override == null) {
            override = System.getenv(ENV);
            source = ENV;
        }
        return choose(source, override, Nd4j.getBackend().getClass().getSimpleName());
    }

    /**
     * The path for an override ({@code null}, blank or {@code auto}: by backend) and ND4J's backend class
     * name ({@code CpuBackend} for nd4j-native). The fast path cannot run on another backend.
     */
    static BatchedPath choose(String override, String backend) {
        return choose(PROPERTY, override, backend);
    }

    private static BatchedPath choose(String source, String override, String backend) {
        boolean cpu = "CpuBackend".equals(backend);
        String v = override == null ? "auto" : override.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "auto" -> cpu ? FAST : ND4J;
            case "nd4j" -> ND4J;
            case "fast" -> {
                if (!cpu) {
                    throw new IllegalArgumentException(source + "=fast: the fast path calls OpenBLAS on host memory "
                            + "and cannot run on the " + backend + " backend; use auto or nd4j");
                }
                yield FAST;
            }
            default -> throw new IllegalArgumentException(source + "=" + override
                    + ": expected auto, fast or nd4j");
        };
    }

    /** A block trainer of this path (arguments as {@link BatchedTrainer}'s constructor). */
    public BlockTrainer open(TrainingSpec spec, PreparedData data, long specSeed, int width, int[] restarts) {
        return this == FAST ? new BatchedTrainer(spec, data, specSeed, width, restarts)
                : new Nd4jBlockTrainer(spec, data, specSeed, width, restarts);
    }

    /** Lower-case name, as recorded in provenance. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The fast path's elementwise kernels in this JVM, for benchmark headers: {@code vector-512}, {@code vector-256} or
     * {@code vector-128} with the Vector API module (the CPU's widest vectors, at most 512 bits), otherwise
     * {@code scalar} (the same bits, slower: docs/performance.md, levers 13, 15 and 18).
     */
    public static String elementwiseKernels() {
        return OutputLayer.kernels();
    }
}
