package org.losslab.batch;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * Fault injection for the region restart tests: fail once when the sampling partition
 * {@code <network key>/<input set>} has committed-to-be at least {@code rows} rows, inside the
 * transaction that would write them (as a crash mid-sampling would). Inactive by default.
 */
@Component
public class RegionFaults {

    private record Fault(String partition, int rows) {
    }

    private final AtomicReference<Fault> failOnce = new AtomicReference<>();

    public void failOnce(String partition, int rows) {
        failOnce.set(new Fault(partition, rows));
    }

    void check(String partition, int rowsDone) {
        Fault f = failOnce.get();
        if (f != null && f.partition().equals(partition) && rowsDone >= f.rows() && failOnce.compareAndSet(f, null)) {
            throw new IllegalStateException("injected failure in " + partition + " at row " + rowsDone);
        }
    }
}
