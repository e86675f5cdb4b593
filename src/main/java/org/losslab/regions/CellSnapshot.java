package org.losslab.regions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The activation cells of a fixed input subset at one state of a network (science.md §D.2, §E.2 F12): per hidden
 * layer, each row's pattern (the pieces of all the layer's units) as its 128-bit MurmurHash3 (the key the region
 * census uses, {@link LayerRegionAccumulator}), the layer's {@link PatternCensus}, and the units that are
 * <i>dead</i> (in the lowest piece on every row: ReLU off) or <i>always on</i> (in the highest piece on every row:
 * ReLU linear) over the subset. Built with {@link PreActivationSampler}, so it works for every {@link RegionNetworks}
 * network (MLP, LeNet, and the Choromanska MLP through {@link RegionNetworks#mlpWithParameters}).
 */
public final class CellSnapshot {

    /**
     * One hidden layer's cells.
     *
     * @param rowPatterns   pattern hash of each row of the subset, in row order
     * @param deadUnits     units in the lowest piece on every row
     * @param alwaysOnUnits units in the highest piece on every row
     */
    public record Layer(String name, int units, Hash128[] rowPatterns, PatternCensus census, int deadUnits,
                        int alwaysOnUnits) {

        public int distinctPatterns() {
            return census.distinctPatterns();
        }
    }

    private final List<Layer> layers;

    CellSnapshot(List<Layer> layers) {
        this.layers = Collections.unmodifiableList(layers);
    }

    /** Classifies every row of {@code subset} in batches of {@code batchSize}. */
    public static CellSnapshot take(PreActivationSampler sampler, PlainDataset subset, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size: must be >= 1, got " + batchSize);
        }
        if (subset.size() == 0) {
            throw new IllegalArgumentException("cell census: the input subset is empty");
        }
        List<HiddenLayer> hidden = sampler.hiddenLayers();
        int top = sampler.activation().pieces() - 1;
        int rows = subset.size();
        List<Hash128[]> patterns = new ArrayList<>();
        List<PatternCensus> censuses = new ArrayList<>();
        List<boolean[]> leftBottom = new ArrayList<>();
        List<boolean[]> leftTop = new ArrayList<>();
        for (HiddenLayer l : hidden) {
            patterns.add(new Hash128[rows]);
            censuses.add(new PatternCensus());
            leftBottom.add(new boolean[l.units()]);
            leftTop.add(new boolean[l.units()]);
        }
        for (int from = 0; from < rows; from += batchSize) {
            int to = Math.min(rows, from + batchSize);
            byte[][] pieces = sampler.classifyBatch(subset.rows(from, to, DataType.FLOAT));
            for (int l = 0; l < hidden.size(); l++) {
                int units = hidden.get(l).units();
                boolean[] bottom = leftBottom.get(l);
                boolean[] upper = leftTop.get(l);
                for (int r = 0; r < to - from; r++) {
                    int o = r * units;
                    for (int j = 0; j < units; j++) {
                        int p = pieces[l][o + j];
                        bottom[j] |= p != 0;
                        upper[j] |= p != top;
                    }
                    Hash128 h = Murmur3.hash128(pieces[l], o, units, 0L);
                    patterns.get(l)[from + r] = h;
                    censuses.get(l).add(from + r, h);
                }
            }
        }
        List<Layer> out = new ArrayList<>();
        for (int l = 0; l < hidden.size(); l++) {
            out.add(new Layer(hidden.get(l).name(), hidden.get(l).units(), patterns.get(l), censuses.get(l),
                    countFalse(leftBottom.get(l)), countFalse(leftTop.get(l))));
        }
        return new CellSnapshot(out);
    }

    private static int countFalse(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            if (!f) {
                n++;
            }
        }
        return n;
    }

    public List<Layer> layers() {
        return layers;
    }
}
