package org.losslab.training;

import java.util.Map;

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

    /** The kernel of this process. */
    public static String current() {
        return coretype(System.getenv());
    }
}
