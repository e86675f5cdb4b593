package org.losslab.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine an execution ran on, for its provenance: the CPU model (from {@code /proc/cpuinfo}, else the
 * architecture) and the cores the JVM may use; and the process CPU clock, so an execution's CPU time (all
 * threads of this process, OpenMP workers included) can be recorded beside its wall time.
 */
public record Machine(String cpuModel, int cores) {

    public static Machine current() {
        return new Machine(cpuModel(Path.of("/proc/cpuinfo")), Runtime.getRuntime().availableProcessors());
    }

    /** The first {@code model name} of a cpuinfo file, or {@code os.arch} where there is none. */
    static String cpuModel(Path cpuinfo) {
        try {
            return Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst()
                    .orElse(System.getProperty("os.arch"));
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }

    /** CPU time of this JVM so far, all threads, in nanoseconds (-1 where the JVM cannot tell). */
    public static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}
