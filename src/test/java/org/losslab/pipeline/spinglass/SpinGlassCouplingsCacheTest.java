package org.losslab.pipeline.spinglass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.losslab.theory.ThreeSpinCouplings;

/** A tensor in use by one partition survives partitions of other sizes asking for theirs (issue #14 item 4). */
class SpinGlassCouplingsCacheTest {

    private static final long SEED = 7;

    @Test
    void fourSizesOnTwoThreadsNeverReleaseATensorInUse() throws Exception {
        SpinGlassCouplingsCache cache = new SpinGlassCouplingsCache();
        CountDownLatch aHolds = new CountDownLatch(1);
        CountDownLatch othersDone = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Double> a = threads.submit(() -> {
                ThreeSpinCouplings held = cache.acquire(SEED, 4, 1);
                double before = held.full().sumNumber().doubleValue();
                aHolds.countDown();
                othersDone.await(30, TimeUnit.SECONDS);
                double after = held.full().sumNumber().doubleValue(); // threw "DataBuffer … released" before the fix
                cache.release(held);
                return after - before;
            });
            Future<?> b = threads.submit(() -> {
                aHolds.await(30, TimeUnit.SECONDS);
                for (int n = 5; n <= 7; n++) {
                    ThreeSpinCouplings c = cache.acquire(SEED, n, 1);
                    c.full().sumNumber();
                    cache.release(c);
                }
                othersDone.countDown();
                return null;
            });
            b.get(60, TimeUnit.SECONDS);
            assertEquals(0.0, a.get(60, TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
        }
        assertEquals(SpinGlassCouplingsCache.IDLE_KEPT, cache.size(), "idle tensors beyond the kept number are freed");
    }

    @Test
    void theSameSizeIsSharedAndReleasedOnlyByItsLastUser() {
        SpinGlassCouplingsCache cache = new SpinGlassCouplingsCache();
        ThreeSpinCouplings first = cache.acquire(SEED, 4, 1);
        ThreeSpinCouplings second = cache.acquire(SEED, 4, 1);
        assertSame(first, second);
        cache.release(first);
        for (int n = 5; n <= 8; n++) {
            cache.release(cache.acquire(SEED, n, 1));
        }
        second.full().sumNumber(); // still held once
        cache.release(second);
        assertThrows(IllegalStateException.class, () -> cache.release(second));
    }
}
