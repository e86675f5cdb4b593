package org.losslab.batch;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * Fault injection for the restart tests: fail once when a given run reaches a given epoch, as a
 * crash in the middle of training would. Also settable from the environment
 * ({@code LOSSLAB_FAIL_ONCE=width:restart:epoch}) for scripted chaos runs. Inactive by default.
 */
@Component
public class TrainingFaults {

    private final AtomicReference<int[]> failOnce = new AtomicReference<>(parse(System.getenv("LOSSLAB_FAIL_ONCE")));

    public void failOnce(int width, int restart, int epoch) {
        failOnce.set(new int[] {width, restart, epoch});
    }

    void check(int width, int restart, int epoch) {
        int[] f = failOnce.get();
        if (f != null && f[0] == width && f[1] == restart && f[2] == epoch && failOnce.compareAndSet(f, null)) {
            throw new IllegalStateException("injected failure at width " + width + ", restart " + restart
                    + ", epoch " + epoch);
        }
    }

    private static int[] parse(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        String[] p = v.split(":");
        return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])};
    }
}
