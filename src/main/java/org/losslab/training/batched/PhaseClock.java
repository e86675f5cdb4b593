package org.losslab.training.batched;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.losslab.training.batched.BatchedTrainer.Phase;

/**
 * CPU time of the calling thread per {@link Phase}. Thread CPU time rather than wall time: with one
 * OpenMP thread all work runs on the calling thread, so the profile measures the work itself, not the
 * other processes competing for a shared machine's cores.
 */
final class PhaseClock {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long[] nanos = new long[Phase.values().length];

    /** Thread CPU time in ns (falls back to wall time where the JVM cannot measure it). */
    static long now() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Charges the time since {@code start} to {@code phase}; returns now, the start of the next phase. */
    long charge(Phase phase, long start) {
        long end = now();
        nanos[phase.ordinal()] += end - start;
        return end;
    }

    Map<Phase, Double> seconds() {
        Map<Phase, Double> m = new LinkedHashMap<>();
        for (Phase p : Phase.values()) {
            m.put(p, nanos[p.ordinal()] / 1e9);
        }
        return m;
    }

    void reset() {
        Arrays.fill(nanos, 0);
    }
}
