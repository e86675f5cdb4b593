package org.losslab.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The OpenBLAS kernel a process computes with. OpenBLAS reads {@code OPENBLAS_CORETYPE} when it loads;
 * unset, it picks a kernel from the CPU model (on CPUs it does not know: its SSE3 kernels). Each kernel
 * sums in its own order, so like the thread count it changes bits and is recorded with every result.
 */
public final class BlasKernel {

    /** Recorded when OPENBLAS_CORETYPE is not set: OpenBLAS chose its kernel from the CPU itself. */
    public static final String AUTO = "auto";

    private BlasKernel() {
    }

    /** The kernel an environment selects: its OPENBLAS_CORETYPE, or {@value #AUTO}. */
    public static String coretype(Map<String, String> env) {
        String v = env.get("OPENBLAS_CORETYPE");
        return v == null || v.isBlank() ? AUTO : v.trim();
    }

    /**
     * The kernel the launcher chooses for a CPU with these {@code /proc/cpuinfo} contents when nothing is set:
     * {@code SkylakeX} with AVX-512 (F, BW, DQ, VL), OpenBLAS's fastest on such CPUs (about twice Haswell's SGEMM,
     * docs/performance.md), otherwise {@value #AUTO} (OpenBLAS's own choice).
     */
    public static String fastestFor(String cpuinfo) {
        Set<String> flags = new HashSet<>(Arrays.asList(Pattern.compile("\\s+").split(cpuinfo)));
        return flags.containsAll(Set.of("avx512f", "avx512bw", "avx512dq", "avx512vl")) ? "SkylakeX" : AUTO;
    }

    /** {@link #fastestFor} this machine's CPU, or {@value #AUTO} where /proc/cpuinfo cannot be read. */
    public static String fastestOnThisCpu() {
        try {
            return fastestFor(Files.readString(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return AUTO;
        }
    }

    /** The kernel of this process. */
    public static String current() {
        return coretype(System.getenv());
    }
}
