package org.losslab.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Faults for the restart tests and the chaos script, active only when the property
 * {@value FaultsConfiguration#ENABLED} is true:
 * <ul>
 * <li>{@code LOSSLAB_CHAOS_PAUSE=point:n}: the n-th time this process reaches {@code point} (one of
 * {@link Faults#POINTS}), the thread prints {@code losslab-chaos: paused at point #n}, writes the same
 * line to the file {@code LOSSLAB_CHAOS_SIGNAL} if set, and waits forever with its transaction open, so
 * that the script can SIGKILL the process exactly there;</li>
 * <li>{@code LOSSLAB_FAIL_ONCE=width:restart:epoch}, or {@link #failTrainingOnce}: training fails once
 * when that run reaches that epoch;</li>
 * <li>{@link #failSamplingOnce} and {@link #failRegionTrainingOnce}: a sampling partition fails once
 * when it reaches a row count, a region network once when it has trained an epoch count.</li>
 * </ul>
 */
public final class InjectedFaults implements Faults {

    private record Fault(String where, int at) {
    }

    private final String pausePoint;
    private final int pauseAt;
    private final String signalFile;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicReference<int[]> trainingFault = new AtomicReference<>();
    private final AtomicReference<Fault> regionFault = new AtomicReference<>();

    /** From the environment variables above ({@code env} is normally {@link System#getenv()}). */
    public InjectedFaults(Map<String, String> env) {
        String pause = env.get("LOSSLAB_CHAOS_PAUSE");
        if (pause == null || pause.isBlank()) {
            pausePoint = null;
            pauseAt = 0;
        } else {
            String[] p = pause.trim().split(":");
            if (!POINTS.contains(p[0])) {
                throw new IllegalArgumentException("LOSSLAB_CHAOS_PAUSE names no chaos point '" + p[0] + "' (known: "
                        + String.join(", ", POINTS) + ")");
            }
            pausePoint = p[0];
            pauseAt = p.length > 1 ? Integer.parseInt(p[1]) : 1;
        }
        signalFile = env.get("LOSSLAB_CHAOS_SIGNAL");
        String fail = env.get("LOSSLAB_FAIL_ONCE");
        if (fail != null && !fail.isBlank()) {
            String[] p = fail.trim().split(":");
            failTrainingOnce(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
        }
    }

    /** Training fails once when run (width, restart) reaches {@code epoch}. */
    public void failTrainingOnce(int width, int restart, int epoch) {
        trainingFault.set(new int[] {width, restart, epoch});
    }

    /** Sampling partition {@code <network key>/<input set>} fails once when it has {@code rows} rows. */
    public void failSamplingOnce(String partition, int rows) {
        regionFault.set(new Fault(partition, rows));
    }

    /** The region-networks partition of {@code networkKey} fails once when it has trained {@code epoch} epochs. */
    public void failRegionTrainingOnce(String networkKey, int epoch) {
        regionFault.set(new Fault("train:" + networkKey, epoch));
    }

    @Override
    public void reach(String point) {
        if (!point.equals(pausePoint)) {
            return;
        }
        int n = hits.incrementAndGet();
        if (n != pauseAt) {
            return;
        }
        String line = "losslab-chaos: paused at " + point + " #" + n + " (pid " + ProcessHandle.current().pid() + ")";
        System.err.println(line);
        try {
            if (signalFile != null && !signalFile.isBlank()) {
                Files.writeString(Path.of(signalFile), line + "\n");
            }
            Thread.sleep(Long.MAX_VALUE);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("chaos pause at " + point + " interrupted", e);
        }
    }

    @Override
    public void trainedEpoch(int width, int restart, int epoch) {
        int[] f = trainingFault.get();
        if (f != null && f[0] == width && f[1] == restart && f[2] == epoch && trainingFault.compareAndSet(f, null)) {
            throw new IllegalStateException("injected failure at width " + width + ", restart " + restart
                    + ", epoch " + epoch);
        }
    }

    @Override
    public void trainedRegionNetwork(String networkKey, int epochsDone) {
        failRegionOnce("train:" + networkKey, epochsDone);
    }

    @Override
    public void sampledRows(String partition, int rowsDone) {
        failRegionOnce(partition, rowsDone);
    }

    private void failRegionOnce(String where, int done) {
        Fault f = regionFault.get();
        if (f != null && f.where().equals(where) && done >= f.at() && regionFault.compareAndSet(f, null)) {
            throw new IllegalStateException("injected failure in " + where + " at row " + done);
        }
    }
}
