package org.losslab.pipeline.spinglass;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.losslab.Seeds;
import org.losslab.theory.ThreeSpinCouplings;
import org.springframework.stereotype.Component;

/**
 * One coupling tensor per size N (science.md §A.5.1), derived from the spec seed, generated once per
 * process and shared by the partitions of that size (at N = 500 it is about 1 GB and takes tens of
 * seconds to draw). Partitions {@link #acquire} a tensor and {@link #release} it when their step ends; a
 * tensor is freed only when no partition holds it and more than {@link #IDLE_KEPT} tensors are cached, so
 * a partition of one size never loses its tensor to a partition that asks for another size.
 */
@Component
public class SpinGlassCouplingsCache {

    /** Unused tensors kept for partitions of the same size that start later. */
    static final int IDLE_KEPT = 2;

    private static final class Entry {
        final ThreeSpinCouplings couplings;
        int users;

        Entry(ThreeSpinCouplings couplings) {
            this.couplings = couplings;
        }
    }

    private final Map<String, Entry> cache = new LinkedHashMap<>();

    /** The tensor for (seed, N, samples), generated on first use; the caller must {@link #release} it. */
    public synchronized ThreeSpinCouplings acquire(long specSeed, int n, int samples) {
        String key = specSeed + "/" + n + "/" + samples;
        Entry e = cache.get(key);
        if (e == null) {
            evictIdle(IDLE_KEPT - 1);
            e = new Entry(ThreeSpinCouplings.generate(n, samples, Seeds.derive(specSeed, "spinglass-couplings", n)));
            cache.put(key, e);
        }
        e.users++;
        return e.couplings;
    }

    /** Ends one {@link #acquire}; frees idle tensors beyond {@link #IDLE_KEPT}. */
    public synchronized void release(ThreeSpinCouplings couplings) {
        for (Entry e : cache.values()) {
            if (e.couplings == couplings) {
                if (e.users == 0) {
                    throw new IllegalStateException("couplings N = " + couplings.n() + " released more often than acquired");
                }
                e.users--;
                evictIdle(IDLE_KEPT);
                return;
            }
        }
        throw new IllegalStateException("couplings N = " + couplings.n() + " are not from this cache");
    }

    /** Tensors held now, in use or idle (for tests and logs). */
    synchronized int size() {
        return cache.size();
    }

    /** Closes the oldest idle tensors until at most {@code keep} idle ones remain; tensors in use stay. */
    private void evictIdle(int keep) {
        long idle = cache.values().stream().filter(e -> e.users == 0).count();
        for (Iterator<Entry> it = cache.values().iterator(); it.hasNext() && idle > keep; ) {
            Entry e = it.next();
            if (e.users == 0) {
                e.couplings.close();
                it.remove();
                idle--;
            }
        }
    }
}
