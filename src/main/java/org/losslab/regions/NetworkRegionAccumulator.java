package org.losslab.regions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;


/**
 * Region counts of all hidden layers of one network on one input set, over a contiguous range of
 * rows {@code [startRow, startRow + dataCount)} of that input set (science.md §C.4, §D.5 item 1).
 *
 * <p>Besides one {@link LayerRegionAccumulator} per layer it keeps the <i>pooled</i> neuron-averaging
 * histogram: for each datum the fraction of <b>all</b> hidden units of the network in piece i. Pooled
 * statistics treat the network as one layer of {@code N = Σ n_ℓ} units, so the pooled data and
 * neuron averages share the grand mean {@code ρ̂_i = mean_{ℓ,j,x} χ_i} exactly (§C.4). For a 3-piece
 * activation it also keeps the pooled per-datum joint (R̄_2, R̄_3) ({@link NeuronJointHistogram}).
 *
 * <p><b>Checkpoints.</b> {@link #toBytes()} / {@link #fromBytes(byte[])} export and import the full
 * state exactly; {@link #addBatch} insists that batches arrive in row order without gaps or repeats,
 * so resuming from a checkpoint at the wrong row fails loudly instead of double counting.
 * {@link #merge} joins the accumulator of the following row range. Not thread-safe.
 */
public final class NetworkRegionAccumulator {

    private final String activation;
    private final int pieces;
    private final long startRow;
    private long data;
    private final List<LayerRegionAccumulator> layers;
    private final long[] pooledHistogram;
    private final NeuronJointHistogram pooledJoint;
    private final int totalUnits;

    /**
     * @param activation name of the piecewise-linear activation (for checks and reports)
     * @param pieces     L
     * @param layerNames hidden layer names, in network order
     * @param layerUnits units per hidden layer
     * @param startRow   index of the first row this accumulator will see
     */
    public NetworkRegionAccumulator(String activation, int pieces, List<String> layerNames, int[] layerUnits, long startRow) {
        if (layerNames.size() != layerUnits.length || layerUnits.length == 0) {
            throw new IllegalArgumentException("layers: need one unit count per layer name and at least one layer");
        }
        if (pieces < 1 || startRow < 0) {
            throw new IllegalArgumentException("accumulator: pieces must be >= 1 and startRow >= 0");
        }
        this.activation = activation;
        this.pieces = pieces;
        this.startRow = startRow;
        this.layers = new ArrayList<>();
        long total = 0;
        for (int l = 0; l < layerUnits.length; l++) {
            layers.add(new LayerRegionAccumulator(layerNames.get(l), layerUnits[l], pieces));
            total += layerUnits[l];
        }
        this.totalUnits = Math.toIntExact(total);
        this.pooledHistogram = new long[pieces * (totalUnits + 1)];
        this.pooledJoint = pieces == 3 ? new NeuronJointHistogram(totalUnits) : null;
    }

    NetworkRegionAccumulator(String activation, int pieces, long startRow, long data,
                                     List<LayerRegionAccumulator> layers, long[] pooledHistogram,
                                     NeuronJointHistogram pooledJoint) {
        this.activation = activation;
        this.pieces = pieces;
        this.startRow = startRow;
        this.data = data;
        this.layers = layers;
        this.pooledHistogram = pooledHistogram;
        this.pooledJoint = pooledJoint;
        this.totalUnits = pooledHistogram.length / pieces - 1;
    }

    /**
     * Adds rows {@code [firstRow, firstRow + rows)}; {@code layerPieces[l]} holds, row-major, the
     * 0-based piece of every unit of hidden layer l for each of those rows.
     *
     * @throws IllegalStateException if firstRow is not the next expected row
     */
    public void addBatch(long firstRow, int rows, byte[][] layerPieces) {
        if (firstRow != nextRow()) {
            throw new IllegalStateException("accumulator expects row " + nextRow() + " next, got batch at row " + firstRow);
        }
        if (layerPieces.length != layers.size()) {
            throw new IllegalArgumentException("expected pieces of " + layers.size() + " layers, got " + layerPieces.length);
        }
        for (int l = 0; l < layers.size(); l++) {
            if (layerPieces[l].length < (long) rows * layers.get(l).units()) {
                throw new IllegalArgumentException("layer " + layers.get(l).name() + ": too few pieces for " + rows + " rows");
            }
        }
        long[] perPiece = new long[pieces];
        for (int r = 0; r < rows; r++) {
            java.util.Arrays.fill(perPiece, 0);
            for (int l = 0; l < layers.size(); l++) {
                LayerRegionAccumulator layer = layers.get(l);
                layer.addDatum(firstRow + r, layerPieces[l], r * layer.units(), perPiece);
            }
            for (int p = 0; p < pieces; p++) {
                pooledHistogram[p * (totalUnits + 1) + (int) perPiece[p]]++;
            }
            if (pooledJoint != null) {
                pooledJoint.add(perPiece[1], perPiece[2]);
            }
            data++;
        }
    }

    public String activation() {
        return activation;
    }

    public int pieces() {
        return pieces;
    }

    public long startRow() {
        return startRow;
    }

    /** The row the next batch must start at (resume point). */
    public long nextRow() {
        return startRow + data;
    }

    public long dataCount() {
        return data;
    }

    /** Total hidden units N = Σ n_ℓ. */
    public int totalUnits() {
        return totalUnits;
    }

    public List<LayerRegionAccumulator> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** Pooled data averaging: the union of all layers' units, each on the lattice c/n. */
    public LatticeSample pooledDataAveraging(int piece) {
        LatticeSample sum = null;
        for (LayerRegionAccumulator l : layers) {
            LatticeSample s = l.dataAveraging(piece);
            sum = sum == null ? s : sum.plus(s);
        }
        return sum;
    }

    /** Pooled neuron averaging: per datum, the fraction of all N hidden units in the piece. */
    public LatticeSample pooledNeuronAveraging(int piece) {
        return new LatticeSample(totalUnits, java.util.Arrays.copyOfRange(pooledHistogram,
                piece * (totalUnits + 1), (piece + 1) * (totalUnits + 1)));
    }

    /** Pooled neuron-averaged joint (R̄_2, R̄_3) over all N hidden units; null unless L = 3. */
    public NeuronJointHistogram pooledNeuronJoint() {
        return pooledJoint;
    }

    /** Adds the accumulator of the rows that immediately follow this one's (same network and layers). */
    public void merge(NetworkRegionAccumulator next) {
        if (next.startRow != nextRow()) {
            throw new IllegalArgumentException("merge: next accumulator starts at row " + next.startRow
                    + ", expected " + nextRow());
        }
        if (!activation.equals(next.activation) || pieces != next.pieces || layers.size() != next.layers.size()) {
            throw new IllegalArgumentException("merge: accumulators of different networks");
        }
        for (int l = 0; l < layers.size(); l++) {
            layers.get(l).merge(next.layers.get(l));
        }
        for (int i = 0; i < pooledHistogram.length; i++) {
            pooledHistogram[i] += next.pooledHistogram[i];
        }
        if (pooledJoint != null) {
            pooledJoint.merge(next.pooledJoint);
        }
        data += next.data;
    }

    /** Exact, deterministic serialisation of the whole state (equal states give equal bytes). */
    public byte[] toBytes() {
        return AccumulatorFormat.write(activation, pieces, startRow, data, layers, pooledHistogram, pooledJoint);
    }

    /** Inverse of {@link #toBytes()}; throws {@link IllegalArgumentException} on corrupt or foreign bytes. */
    public static NetworkRegionAccumulator fromBytes(byte[] bytes) {
        return AccumulatorFormat.read(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkRegionAccumulator a && activation.equals(a.activation) && pieces == a.pieces
                && startRow == a.startRow && data == a.data && layers.equals(a.layers)
                && java.util.Arrays.equals(pooledHistogram, a.pooledHistogram)
                && java.util.Objects.equals(pooledJoint, a.pooledJoint);
    }

    @Override
    public int hashCode() {
        return activation.hashCode() * 31 + Long.hashCode(data);
    }
}
