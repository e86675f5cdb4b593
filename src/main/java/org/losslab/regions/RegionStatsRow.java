package org.losslab.regions;

/**
 * One row of region statistics (science.md §C.4) for a (layer or pooled, averaging, piece).
 *
 * @param layer        hidden layer name ({@code fc1}, {@code conv1}, …) or {@link RegionStatistics#POOLED}
 * @param layerIndex   0-based position among the hidden layers; −1 for pooled
 * @param averaging    DATA (samples are units) or NEURON (samples are data)
 * @param piece        1-based piece number, as in the paper and in SQL
 * @param units        units in the layer (pooled: all hidden units N)
 * @param data         data n in the input set
 * @param sampleSize   number of samples m (DATA: units; NEURON: data)
 * @param trials       binomial trials T of the null (DATA: n; NEURON: units)
 * @param mean         sample mean = grand mean ρ̂ of the piece; identical for both averagings
 * @param sd           population sd of the samples (divisor m)
 * @param nullSd       {@code sqrt(ρ̂(1−ρ̂)/T)}
 * @param sdRatio      sd / nullSd (NaN or ∞ when nullSd = 0)
 * @param ksDistance   KS distance to Binomial(T, ρ̂)/T, see {@link LatticeSample#ksDistance()}
 * @param fractionZero fraction of samples equal to 0 (DATA: units never in the piece)
 * @param fractionOne  fraction of samples equal to 1 (DATA: units always in the piece)
 * @param bimodality   Sarle's bimodality coefficient (> 5/9 suggests bimodality)
 * @param kde          reflected Gaussian KDE on [0, 1] (Scott bandwidth)
 */
public record RegionStatsRow(String layer, int layerIndex, Averaging averaging, int piece, long units, long data,
                             long sampleSize, long trials, double mean, double sd, double nullSd, double sdRatio,
                             double ksDistance, double fractionZero, double fractionOne, double bimodality,
                             KdeCurve kde) {
}
