package org.losslab.regions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The neuron-averaged joint (R̄_2, R̄_3) of a 3-piece activation over the n_ℓ units of one layer
 * (or all hidden units, pooled) (science.md §C.4): for each datum x the pair of unit counts
 * (k_2, k_3) in pieces 2 and 3, so that R̄_2(ℓ, x) = k_2 / n_ℓ and R̄_3(ℓ, x) = k_3 / n_ℓ. Kept as a
 * histogram of the pairs (data per pair), exact integers: at most min(n, (n_ℓ + 1)²) entries.
 */
public final class NeuronJointHistogram {

    /** One cell: {@code data} inputs had exactly k2 units in piece 2 and k3 in piece 3. */
    public record Cell(int k2, int k3, long data) {
    }

    private final int units;
    private final TreeMap<Long, Long> counts = new TreeMap<>();

    NeuronJointHistogram(int units) {
        this.units = units;
    }

    /** Units n_ℓ the counts are out of. */
    public int units() {
        return units;
    }

    void add(long k2, long k3) {
        if (k2 < 0 || k3 < 0 || k2 + k3 > units) {
            throw new IllegalArgumentException("joint counts (" + k2 + ", " + k3 + ") out of range for " + units + " units");
        }
        counts.merge(k2 * (units + 1) + k3, 1L, Long::sum);
    }

    /** The cells in (k2, k3) order. */
    public List<Cell> cells() {
        List<Cell> out = new ArrayList<>(counts.size());
        for (Map.Entry<Long, Long> e : counts.entrySet()) {
            out.add(new Cell((int) (e.getKey() / (units + 1)), (int) (e.getKey() % (units + 1)), e.getValue()));
        }
        return out;
    }

    /** Number of data counted. */
    public long dataCount() {
        long n = 0;
        for (long v : counts.values()) {
            n += v;
        }
        return n;
    }

    void merge(NeuronJointHistogram o) {
        if (o.units != units) {
            throw new IllegalArgumentException("cannot merge joint histograms of " + units + " and " + o.units + " units");
        }
        o.counts.forEach((k, v) -> counts.merge(k, v, Long::sum));
    }

    void write(StateCodec.Writer w) {
        w.varint(units).varint(counts.size());
        long last = -1;
        for (Map.Entry<Long, Long> e : counts.entrySet()) { // sorted: equal states give equal bytes
            w.varint(e.getKey() - last - 1).varint(e.getValue());
            last = e.getKey();
        }
    }

    static NeuronJointHistogram read(StateCodec.Reader r, int expectedUnits, long expectedData) {
        int units = r.varintInt();
        if (units != expectedUnits) {
            throw r.corrupt("joint histogram of " + units + " units, layer has " + expectedUnits);
        }
        NeuronJointHistogram h = new NeuronJointHistogram(units);
        int n = r.varintInt();
        long key = -1;
        long max = (long) (units + 1) * (units + 1);
        for (int i = 0; i < n; i++) {
            key += r.varint() + 1;
            long v = r.varint();
            if (key < 0 || key >= max || v == 0 || key / (units + 1) + key % (units + 1) > units) {
                throw r.corrupt("joint histogram cell " + key + " (" + v + " data) out of range");
            }
            h.counts.put(key, v);
        }
        if (h.dataCount() != expectedData) {
            throw r.corrupt("joint histogram counts " + h.dataCount() + " data, expected " + expectedData);
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NeuronJointHistogram h && units == h.units && counts.equals(h.counts);
    }

    @Override
    public int hashCode() {
        return units * 31 + counts.hashCode();
    }
}
