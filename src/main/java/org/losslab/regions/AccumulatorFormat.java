package org.losslab.regions;

import java.util.ArrayList;
import java.util.List;

/**
 * The checkpoint format of a {@link NetworkRegionAccumulator} (what sample-activations stores with its
 * progress, science.md §C.4): a magic string, the header, every layer, the pooled histogram and, for a
 * 3-piece activation, the pooled neuron-averaged joint. Version 2 added that joint; version 1 states are
 * still read when L ≠ 3 (nothing is missing then) and refused with the reason when L = 3.
 */
final class AccumulatorFormat {

    private static final String MAGIC = "losslab.regions.v2";
    private static final String MAGIC_V1 = "losslab.regions.v1";

    private AccumulatorFormat() {
    }

    static byte[] write(String activation, int pieces, long startRow, long data, List<LayerRegionAccumulator> layers,
                        long[] pooledHistogram, NeuronJointHistogram pooledJoint) {
        StateCodec.Writer w = new StateCodec.Writer();
        w.string(MAGIC).string(activation).varint(pieces).varint(startRow).varint(data).varint(layers.size());
        for (LayerRegionAccumulator l : layers) {
            l.write(w);
        }
        w.sparse(pooledHistogram);
        if (pooledJoint != null) {
            pooledJoint.write(w);
        }
        return w.bytes();
    }

    static NetworkRegionAccumulator read(byte[] bytes) {
        StateCodec.Reader r = new StateCodec.Reader(bytes);
        String magic = r.string();
        if (!MAGIC.equals(magic) && !MAGIC_V1.equals(magic)) {
            throw r.corrupt("unknown format '" + magic + "'");
        }
        String activation = r.string();
        int pieces = r.varintInt();
        if (pieces == 3 && MAGIC_V1.equals(magic)) {
            throw r.corrupt("a 3-piece state of format v1 lacks the neuron-averaged joint: sample it again");
        }
        long startRow = r.varint();
        long data = r.varint();
        int n = r.varintInt();
        List<LayerRegionAccumulator> layers = new ArrayList<>();
        long total = 0;
        for (int l = 0; l < n; l++) {
            LayerRegionAccumulator layer = LayerRegionAccumulator.read(r, MAGIC.equals(magic));
            if (layer.dataCount() != data || layer.pieces() != pieces) {
                throw r.corrupt("layer " + layer.name() + " disagrees with the network header");
            }
            layers.add(layer);
            total += layer.units();
        }
        long[] pooled = r.sparse(Math.toIntExact(pieces * (total + 1)));
        NeuronJointHistogram joint = pieces == 3 ? NeuronJointHistogram.read(r, Math.toIntExact(total), data) : null;
        r.expectEnd();
        return new NetworkRegionAccumulator(activation, pieces, startRow, data, layers, pooled, joint);
    }
}
