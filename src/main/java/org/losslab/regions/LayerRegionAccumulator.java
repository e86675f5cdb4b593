package org.losslab.regions;

import java.util.Arrays;

/**
 * Streaming region counts of one hidden layer (science.md §C.4), updated one datum at a time with
 * the 0-based piece of each unit's pre-activation. State, all exact integers:
 * <ul>
 *   <li>{@code unitCounts[j·L + i]}: data on which unit j was in piece i, so the data average is
 *       {@code R_i(ℓ, j) = unitCounts / n};</li>
 *   <li>{@code datumHistogram[i·(n_ℓ+1) + k]}: data on which exactly k of the n_ℓ units were in piece
 *       i, so the neuron averages {@code R̄_i(ℓ, x) = k / n_ℓ} are kept as a histogram over k (the
 *       statistics need only their multiset; the size does not grow with n);</li>
 *   <li>the {@link PatternCensus} of the layer (§D.5 item 1);</li>
 *   <li>for a 3-piece activation, the {@link NeuronJointHistogram} of per-datum (k_2, k_3).</li>
 * </ul>
 * The data-averaged joint (R_2, R_3) of a 3-piece activation is read from the unit counts.
 */
public final class LayerRegionAccumulator {

    private final String name;
    private final int units;
    private final int pieces;
    private long data;
    private final long[] unitCounts;
    private final long[] datumHistogram;
    private final PatternCensus census;
    private final NeuronJointHistogram joint;
    private final int[] scratch;

    LayerRegionAccumulator(String name, int units, int pieces) {
        this(name, units, pieces, 0, new long[units * pieces], new long[pieces * (units + 1)], new PatternCensus(),
                pieces == 3 ? new NeuronJointHistogram(units) : null);
    }

    private LayerRegionAccumulator(String name, int units, int pieces, long data, long[] unitCounts,
                                   long[] datumHistogram, PatternCensus census, NeuronJointHistogram joint) {
        this.name = name;
        this.units = units;
        this.pieces = pieces;
        this.data = data;
        this.unitCounts = unitCounts;
        this.datumHistogram = datumHistogram;
        this.census = census;
        this.joint = joint;
        this.scratch = new int[pieces];
    }

    /**
     * Adds one datum. {@code piece[offset + j]} is the 0-based piece of unit j; {@code perPiece}
     * receives this datum's count of units per piece (added to, not cleared).
     */
    void addDatum(long row, byte[] piece, int offset, long[] perPiece) {
        int[] local = scratch;
        Arrays.fill(local, 0);
        for (int j = 0; j < units; j++) {
            int p = piece[offset + j];
            unitCounts[j * pieces + p]++;
            local[p]++;
        }
        for (int p = 0; p < pieces; p++) {
            datumHistogram[p * (units + 1) + local[p]]++;
            perPiece[p] += local[p];
        }
        if (joint != null) {
            joint.add(local[1], local[2]);
        }
        census.add(row, Murmur3.hash128(piece, offset, units, 0L));
        data++;
    }

    public String name() {
        return name;
    }

    /** Number of units n_ℓ (for conv layers channels × height × width). */
    public int units() {
        return units;
    }

    public int pieces() {
        return pieces;
    }

    /** Number of data n seen so far. */
    public long dataCount() {
        return data;
    }

    /** Data on which unit j was in 0-based piece i. */
    public long unitCount(int unit, int piece) {
        return unitCounts[unit * pieces + piece];
    }

    /** Data averages R_i(ℓ, j) = count / n of 0-based piece i, one per unit (§C.4). */
    public double[] unitFractions(int piece) {
        double[] r = new double[units];
        for (int j = 0; j < units; j++) {
            r[j] = (double) unitCounts[j * pieces + piece] / data;
        }
        return r;
    }

    /**
     * Joint data averages per unit for two 0-based pieces: row j is (R_a(j), R_b(j)). For a 3-piece
     * activation {@code jointFractions(1, 2)} gives the paper's (R_2, R_3).
     */
    public double[][] jointFractions(int pieceA, int pieceB) {
        double[][] r = new double[units][2];
        for (int j = 0; j < units; j++) {
            r[j][0] = (double) unitCounts[j * pieces + pieceA] / data;
            r[j][1] = (double) unitCounts[j * pieces + pieceB] / data;
        }
        return r;
    }

    /** Histogram over unit counts c = 0..n of 0-based piece i: the data-averaging sample on the lattice c/n. */
    public LatticeSample dataAveraging(int piece) {
        if (data > Integer.MAX_VALUE - 1) {
            throw new IllegalStateException("too many data for a lattice histogram: " + data);
        }
        long[] h = new long[(int) data + 1];
        for (int j = 0; j < units; j++) {
            h[(int) unitCounts[j * pieces + piece]]++;
        }
        return new LatticeSample((int) data, h);
    }

    /** Histogram over k = 0..n_ℓ of 0-based piece i: the neuron-averaging sample on the lattice k/n_ℓ. */
    public LatticeSample neuronAveraging(int piece) {
        return new LatticeSample(units, Arrays.copyOfRange(datumHistogram, piece * (units + 1), (piece + 1) * (units + 1)));
    }

    public PatternCensus census() {
        return census;
    }

    /** Neuron-averaged joint (R̄_2, R̄_3) as a histogram of per-datum unit counts; null unless L = 3. */
    public NeuronJointHistogram neuronJoint() {
        return joint;
    }

    void merge(LayerRegionAccumulator o) {
        if (!name.equals(o.name) || units != o.units || pieces != o.pieces) {
            throw new IllegalArgumentException("cannot merge layer " + name + " with " + o.name);
        }
        for (int i = 0; i < unitCounts.length; i++) {
            unitCounts[i] += o.unitCounts[i];
        }
        for (int i = 0; i < datumHistogram.length; i++) {
            datumHistogram[i] += o.datumHistogram[i];
        }
        census.merge(o.census);
        if (joint != null) {
            joint.merge(o.joint);
        }
        data += o.data;
    }

    void write(StateCodec.Writer w) {
        w.string(name).varint(units).varint(pieces).varint(data).dense(unitCounts).sparse(datumHistogram);
        census.write(w);
        if (joint != null) {
            joint.write(w);
        }
    }

    /** @param withJoint whether the state carries the joint histogram (format v2 and L = 3) */
    static LayerRegionAccumulator read(StateCodec.Reader r, boolean withJoint) {
        String name = r.string();
        int units = r.varintInt();
        int pieces = r.varintInt();
        long data = r.varint();
        long[] unitCounts = r.dense(Math.multiplyExact(units, pieces));
        long[] hist = r.sparse(Math.multiplyExact(pieces, units + 1));
        PatternCensus census = PatternCensus.read(r);
        if (census.dataCount() != data) {
            throw r.corrupt("layer " + name + ": census has " + census.dataCount() + " data, counts have " + data);
        }
        NeuronJointHistogram joint = withJoint && pieces == 3 ? NeuronJointHistogram.read(r, units, data) : null;
        return new LayerRegionAccumulator(name, units, pieces, data, unitCounts, hist, census, joint);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerRegionAccumulator a && name.equals(a.name) && units == a.units && pieces == a.pieces
                && data == a.data && Arrays.equals(unitCounts, a.unitCounts)
                && Arrays.equals(datumHistogram, a.datumHistogram) && census.equals(a.census) && java.util.Objects.equals(joint, a.joint);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Long.hashCode(data);
    }
}
