package org.losslab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named instants inside write transactions where the chaos script ({@code scripts/chaos.sh})
 * freezes the process so that it can SIGKILL it exactly there: {@code prepare-data}, {@code checkpoint}
 * (a training checkpoint write), {@code final-params} (a run's final write), {@code summarize},
 * {@code theory}, {@code spinglass} (a block checkpoint), {@code cells}, {@code region-networks} (an epoch
 * checkpoint), {@code sample-activations} (an accumulator checkpoint), {@code region-statistics},
 * {@code compare}, each after its rows are written and before the commit, and {@code report} (after each
 * figure, outside any transaction). Inactive unless the environment says
 * {@code LOSSLAB_CHAOS_PAUSE=point:n}: the n-th time this process reaches {@code point}, the thread
 * prints {@code losslab-chaos: paused at point #n}, writes the same line to
 * {@code LOSSLAB_CHAOS_SIGNAL} (a file) if set, and waits forever with its transaction open.
 */
public final class ChaosPoints {

    private static final String[] PAUSE = parse(System.getenv("LOSSLAB_CHAOS_PAUSE"));
    private static final AtomicInteger HITS = new AtomicInteger();

    private ChaosPoints() {
    }

    /** Marks an instant; pauses there forever if the chaos script asked for it. */
    public static void reach(String point) {
        if (PAUSE == null || !PAUSE[0].equals(point)) {
            return;
        }
        int n = HITS.incrementAndGet();
        if (n != Integer.parseInt(PAUSE[1])) {
            return;
        }
        String line = "losslab-chaos: paused at " + point + " #" + n + " (pid " + ProcessHandle.current().pid() + ")";
        System.err.println(line);
        String signal = System.getenv("LOSSLAB_CHAOS_SIGNAL");
        try {
            if (signal != null && !signal.isBlank()) {
                Files.writeString(Path.of(signal), line + "\n");
            }
            Thread.sleep(Long.MAX_VALUE);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("chaos pause at " + point + " interrupted", e);
        }
    }

    private static String[] parse(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        String[] p = v.trim().split(":");
        return new String[] {p[0], p.length > 1 ? p[1] : "1"};
    }
}
