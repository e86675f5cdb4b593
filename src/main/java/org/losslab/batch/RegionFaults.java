package org.losslab.batch;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * Fault injection for the region restart tests, inside the transaction that would commit the work
 * (as a crash would): fail once when the sampling partition {@code <network key>/<input set>} reaches
 * {@code rows} rows, or when network {@code <network key>} has trained {@code epoch} epochs.
 * Inactive by default.
 */
@Component
public class RegionFaults {

    private record Fault(String partition, int rows) {
    }

    private final AtomicReference<Fault> failOnce = new AtomicReference<>();

    public void failOnce(String partition, int rows) {
        failOnce.set(new Fault(partition, rows));
    }

    /** Fails the region-networks partition of {@code networkKey} once, when it has trained {@code epoch} epochs. */
    public void failTrainingOnce(String networkKey, int epoch) {
        failOnce.set(new Fault("train:" + networkKey, epoch));
    }

    void checkTraining(String networkKey, int epochsDone) {
        check("train:" + networkKey, epochsDone);
    }

    void check(String partition, int rowsDone) {
        Fault f = failOnce.get();
        if (f != null && f.partition().equals(partition) && rowsDone >= f.rows() && failOnce.compareAndSet(f, null)) {
            throw new IllegalStateException("injected failure in " + partition + " at row " + rowsDone);
        }
    }
}
