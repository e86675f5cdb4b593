package org.losslab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * CPU time and machine load. Rates are taken per CPU second of the measuring thread because the
 * machine is shared: wall time depends on what else runs, CPU time mostly does not.
 */
final class CpuClock {

    private CpuClock() {
    }

    /** CPU time of the calling thread (wall time where the JVM cannot measure it). */
    static long threadNanos() {
        ThreadMXBean b = ManagementFactory.getThreadMXBean();
        return b.isCurrentThreadCpuTimeSupported() ? b.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** CPU time of the whole JVM, all threads (OpenMP workers included). */
    static long processNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Median of the repeats: robust to one repeat disturbed by another process. */
    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
