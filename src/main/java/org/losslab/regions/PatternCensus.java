package org.losslab.regions;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Activation-pattern census of one layer over an input set (science.md §D.2 and §D.5 item 1): each
 * datum's pattern is the vector of pieces of all units of the layer, keyed by its 128-bit
 * MurmurHash3; the census counts data per distinct pattern, i.e. how the data fall into the linear
 * regions of that layer. It also keeps an order-sensitive <i>fingerprint</i> of the whole pattern
 * matrix Π restricted to this layer (which datum has which pattern): the sum, modulo 2^64 in each
 * half, of {@code murmur3(row index, pattern hash)}; two runs on the same rows have equal
 * fingerprints iff (up to hash collisions) every datum has the same pattern, so successive
 * checkpoints of a training run can be compared for cell changes. The sum makes it mergeable.
 */
public final class PatternCensus {

    private final Map<Hash128, Long> counts;
    private long data;
    private long fingerprintHi;
    private long fingerprintLo;

    PatternCensus() {
        this.counts = new HashMap<>();
    }

    void add(long row, Hash128 pattern) {
        counts.merge(pattern, 1L, Long::sum);
        data++;
        Hash128 h = Murmur3.hash128(row, pattern.hi(), pattern.lo(), 0x5eedL);
        fingerprintHi += h.hi();
        fingerprintLo += h.lo();
    }

    /** Number of data counted. */
    public long dataCount() {
        return data;
    }

    /** Number of distinct patterns seen. */
    public int distinctPatterns() {
        return counts.size();
    }

    /** Data per pattern (unmodifiable view). */
    public Map<Hash128, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    /** The largest number of data sharing one pattern. */
    public long largestPatternCount() {
        long max = 0;
        for (long c : counts.values()) {
            max = Math.max(max, c);
        }
        return max;
    }

    /** Order-sensitive fingerprint of the layer's pattern matrix over the rows counted. */
    public Hash128 fingerprint() {
        return new Hash128(fingerprintHi, fingerprintLo);
    }

    /** Patterns present in both censuses (e.g. train vs test inputs of the same network and layer). */
    public record Shared(int distinctShared, long dataInShared, long otherDataInShared) {
    }

    /**
     * How much of this census's patterns also occur in {@code other}: the number of distinct shared
     * patterns, the number of this census's data whose pattern occurs in other, and vice versa.
     */
    public Shared shared(PatternCensus other) {
        int distinct = 0;
        long mine = 0;
        long theirs = 0;
        for (Map.Entry<Hash128, Long> e : counts.entrySet()) {
            Long o = other.counts.get(e.getKey());
            if (o != null) {
                distinct++;
                mine += e.getValue();
                theirs += o;
            }
        }
        return new Shared(distinct, mine, theirs);
    }

    void merge(PatternCensus other) {
        other.counts.forEach((k, v) -> counts.merge(k, v, Long::sum));
        data += other.data;
        fingerprintHi += other.fingerprintHi;
        fingerprintLo += other.fingerprintLo;
    }

    void write(StateCodec.Writer w) {
        w.varint(data).fixed(fingerprintHi).fixed(fingerprintLo).varint(counts.size());
        for (Map.Entry<Hash128, Long> e : new TreeMap<>(counts).entrySet()) { // sorted: identical bytes
            w.fixed(e.getKey().hi()).fixed(e.getKey().lo()).varint(e.getValue());
        }
    }

    static PatternCensus read(StateCodec.Reader r) {
        PatternCensus c = new PatternCensus();
        c.data = r.varint();
        c.fingerprintHi = r.fixed();
        c.fingerprintLo = r.fixed();
        int n = r.varintInt();
        long sum = 0;
        for (int i = 0; i < n; i++) {
            Hash128 h = new Hash128(r.fixed(), r.fixed());
            long v = r.varint();
            sum += v;
            c.counts.put(h, v);
        }
        if (sum != c.data || c.counts.size() != n) {
            throw r.corrupt("pattern counts sum to " + sum + " but " + c.data + " data were recorded");
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PatternCensus p && data == p.data && fingerprintHi == p.fingerprintHi
                && fingerprintLo == p.fingerprintLo && counts.equals(p.counts);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(data) * 31 + Long.hashCode(fingerprintHi ^ fingerprintLo);
    }
}
