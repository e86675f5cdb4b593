package org.losslab.pipeline.spinglass;

import java.util.HashMap;
import java.util.Map;
import org.losslab.Seeds;
import org.losslab.theory.ThreeSpinCouplings;
import org.springframework.stereotype.Component;

/**
 * One coupling tensor per size N (science.md §A.5.1), derived from the spec seed, generated once
 * per process and shared by the partitions of that size (at N = 500 it is about 1 GB and takes tens of
 * seconds to draw). Tensors of other sizes are released when a new size is requested.
 */
@Component
public class SpinGlassCouplingsCache {

    private final Map<String, ThreeSpinCouplings> cache = new HashMap<>();

    public synchronized ThreeSpinCouplings get(long specSeed, int n, int samples) {
        String key = specSeed + "/" + n + "/" + samples;
        ThreeSpinCouplings c = cache.get(key);
        if (c == null) {
            if (cache.size() >= 2) {
                cache.values().forEach(ThreeSpinCouplings::close);
                cache.clear();
            }
            c = ThreeSpinCouplings.generate(n, samples, Seeds.derive(specSeed, "spinglass-couplings", n));
            cache.put(key, c);
        }
        return c;
    }
}
