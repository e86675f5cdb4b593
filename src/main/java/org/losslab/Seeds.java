package org.losslab;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic seed derivation: every random choice in losslab draws from a stream whose seed is
 * derived from the spec seed, a stream name and indices (spec seed → run → epoch), as Tribuo splits
 * its RNGs, so any single run or epoch can be replayed without replaying the ones before it.
 * Mixing is SplitMix64's finaliser, which is a bijection on 64-bit values with full avalanche.
 */
public final class Seeds {

    private Seeds() {
    }

    /** Seed of the stream {@code name} under {@code base}, refined by each index in turn. */
    public static long derive(long base, String name, long... indices) {
        long h = mix(base ^ 0x9E3779B97F4A7C15L);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h + (b & 0xFF) + 0x9E3779B97F4A7C15L);
        }
        for (long i : indices) {
            h = mix(h ^ mix(i + 0x632BE59BD9B4E019L));
        }
        return h;
    }

    /** SplitMix64 finaliser (Steele, Lea and Flood 2014). */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
