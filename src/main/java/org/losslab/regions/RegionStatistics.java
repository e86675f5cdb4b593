package org.losslab.regions;

import java.util.ArrayList;
import java.util.List;


/**
 * Turns a {@link NetworkRegionAccumulator} into statistics rows (science.md §C.4): for every hidden
 * layer and for the pooled network, for both averagings, for every piece.
 *
 * <p><b>Pooled</b> means the union of all hidden units treated as one layer of N = Σ n_ℓ units:
 * pooled DATA averaging is the multiset of all units' R_i (each over the n data); pooled NEURON
 * averaging is, per datum, the fraction of all N units in the piece. Both have the grand mean
 * {@code ρ̂_i = (# (unit, datum) pairs in piece i) / (n·N)} (units of big layers weigh more, as in
 * §C.4's {@code mean_{ℓ,j,x}}). Per layer and pooled, {@code Σ_i mean_i = 1} up to rounding, and the
 * DATA and NEURON means of a piece are bit-identical (see {@link LatticeSample}).
 */
public final class RegionStatistics {

    /** Layer name of the pooled rows. */
    public static final String POOLED = "pooled";
    /** Default KDE grid on [0, 1] (step 0.005). */
    public static final int DEFAULT_KDE_POINTS = 201;

    private RegionStatistics() {
    }

    /** All rows: per layer (network order) then pooled; DATA before NEURON; pieces 1..L. */
    public static List<RegionStatsRow> compute(NetworkRegionAccumulator acc, int kdePoints) {
        if (acc.dataCount() == 0) {
            throw new IllegalArgumentException("region statistics: the accumulator has seen no data");
        }
        List<RegionStatsRow> rows = new ArrayList<>();
        List<LayerRegionAccumulator> layers = acc.layers();
        for (int l = 0; l < layers.size(); l++) {
            LayerRegionAccumulator layer = layers.get(l);
            for (int p = 0; p < acc.pieces(); p++) {
                rows.add(row(layer.name(), l, Averaging.DATA, p, layer.units(), acc.dataCount(), layer.dataAveraging(p), kdePoints));
            }
            for (int p = 0; p < acc.pieces(); p++) {
                rows.add(row(layer.name(), l, Averaging.NEURON, p, layer.units(), acc.dataCount(), layer.neuronAveraging(p), kdePoints));
            }
        }
        for (int p = 0; p < acc.pieces(); p++) {
            rows.add(row(POOLED, -1, Averaging.DATA, p, acc.totalUnits(), acc.dataCount(), acc.pooledDataAveraging(p), kdePoints));
        }
        for (int p = 0; p < acc.pieces(); p++) {
            rows.add(row(POOLED, -1, Averaging.NEURON, p, acc.totalUnits(), acc.dataCount(), acc.pooledNeuronAveraging(p), kdePoints));
        }
        return rows;
    }

    /** Statistics of one sample; {@code piece} is 0-based here and reported 1-based. */
    public static RegionStatsRow row(String layer, int layerIndex, Averaging averaging, int piece, long units, long data,
                                     LatticeSample s, int kdePoints) {
        double sd = s.sd();
        double nullSd = s.nullSd();
        return new RegionStatsRow(layer, layerIndex, averaging, piece + 1, units, data, s.count(), s.trials(), s.mean(),
                sd, nullSd, sd / nullSd, s.ksDistance(), s.fractionZero(), s.fractionOne(), s.bimodalityCoefficient(),
                s.kde(kdePoints));
    }

    /** Grand occupancies ρ̂ (0-based by piece) of the pooled network, for ᾱ and β̄ (§C.3 item 2). */
    public static double[] occupancies(NetworkRegionAccumulator acc) {
        double[] rho = new double[acc.pieces()];
        for (int p = 0; p < rho.length; p++) {
            rho[p] = acc.pooledNeuronAveraging(p).mean();
        }
        return rho;
    }
}
