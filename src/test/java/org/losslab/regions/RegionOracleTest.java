package org.losslab.regions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.util.CombinatoricsUtils;
import org.junit.jupiter.api.Test;
import org.losslab.activations.PiecewiseLinear;
import org.nd4j.shade.guava.hash.HashCode;
import org.nd4j.shade.guava.hash.Hashing;

/** Brute-force oracles on a 2-4-4-2 network with known weights (science.md §C.4, §D.5 item 1). */
class RegionOracleTest {

    @Test
    void hardTanhCountsFractionsJointAndPatternsMatchANaiveLoop() {
        check(PiecewiseLinear.hardTanh());
    }

    @Test
    void reluCountsFractionsAndPatternsMatchANaiveLoop() {
        check(PiecewiseLinear.relu());
    }

    @Test
    void tinyNetworkActuallyHitsTheBreakpoints() {
        // guards the oracle: the chosen inputs must put pre-activations exactly on ±1 and 0
        int[][][] p = TinyNetwork.pieces(PiecewiseLinear.hardTanh());
        // x = (1, 0): z1 = (1, −1, 1, 1) → pieces (1, 0, 1, 1) under (a_{ℓ−1}, a_ℓ]
        assertThat(p[0][1]).containsExactly(1, 0, 1, 1);
        assertThat(TinyNetwork.pieces(PiecewiseLinear.relu())[0][0]).containsExactly(0, 0, 1, 0);
    }

    @Test
    void sharedPatternsBetweenTwoInputSetsMatchANaiveSetIntersection() {
        PiecewiseLinear f = PiecewiseLinear.hardTanh();
        int[][][] expected = TinyNetwork.pieces(f);
        PreActivationSampler sampler = new PreActivationSampler(TinyNetwork.build(f), 2);
        PlainDataset all = TinyNetwork.data();
        NetworkRegionAccumulator a = sampler.newAccumulator(0);
        sampler.sampleRows(all, 0, 5, 2, a); // "train": rows 0..4
        NetworkRegionAccumulator b = sampler.newAccumulator(5);
        sampler.sampleRows(all, 5, 9, 3, b); // "test": rows 5..8 (row 7 repeats row 1)
        for (int l = 0; l < 2; l++) {
            Map<String, Integer> pa = new HashMap<>();
            Map<String, Integer> pb = new HashMap<>();
            for (int i = 0; i < 9; i++) {
                (i < 5 ? pa : pb).merge(java.util.Arrays.toString(expected[l][i]), 1, Integer::sum);
            }
            int distinct = 0;
            long inA = 0;
            long inB = 0;
            for (Map.Entry<String, Integer> e : pa.entrySet()) {
                if (pb.containsKey(e.getKey())) {
                    distinct++;
                    inA += e.getValue();
                    inB += pb.get(e.getKey());
                }
            }
            PatternCensus.Shared shared = a.layers().get(l).census().shared(b.layers().get(l).census());
            assertThat(shared).isEqualTo(new PatternCensus.Shared(distinct, inA, inB));
            assertThat(distinct).as("the oracle exercises sharing").isPositive();
        }
    }

    @Test
    void fingerprintSeesWhichDatumHasWhichPattern() {
        PiecewiseLinear f = PiecewiseLinear.hardTanh();
        PreActivationSampler sampler = new PreActivationSampler(TinyNetwork.build(f), 2);
        PlainDataset data = TinyNetwork.data();
        float[] swapped = data.features().clone();
        // swap rows 0 and 1 (different patterns in layer 1): same census, different fingerprint
        System.arraycopy(data.features(), 2, swapped, 0, 2);
        System.arraycopy(data.features(), 0, swapped, 2, 2);
        PatternCensus c1 = sampler.sampleAll(data, 4).layers().get(0).census();
        PatternCensus c2 = sampler.sampleAll(PlainDataset.unlabelled(swapped, 2), 4).layers().get(0).census();
        assertThat(c1.counts()).isEqualTo(c2.counts());
        assertThat(c1.fingerprint()).isNotEqualTo(c2.fingerprint());
        assertThat(sampler.sampleAll(data, 2).layers().get(0).census().fingerprint()).isEqualTo(c1.fingerprint());
    }

    @Test
    void hardTanhNeuronAveragedJointMatchesPerDatumCountsByHand() {
        PiecewiseLinear f = PiecewiseLinear.hardTanh();
        int n = TinyNetwork.X.length;
        int[][][] pieces = TinyNetwork.pieces(f);
        // by hand: x = (1, 0) puts fc1 in pieces (1, 0, 1, 1) (0-based), so (R̄_2, R̄_3) = (3/4, 0)
        assertThat(pieces[0][1]).containsExactly(1, 0, 1, 1);
        PreActivationSampler sampler = new PreActivationSampler(TinyNetwork.build(f), 2);
        NetworkRegionAccumulator acc = sampler.newAccumulator(0);
        sampler.sampleRows(TinyNetwork.data(), 0, 5, 2, acc);
        acc = NetworkRegionAccumulator.fromBytes(acc.toBytes()); // resumed from a checkpoint after row 4
        sampler.sampleRows(TinyNetwork.data(), 5, n, 2, acc);
        List<String> pooled = new ArrayList<>();
        int[][] pooledCounts = new int[n][2];
        for (int l = 0; l < 2; l++) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k2 = 0;
                int k3 = 0;
                for (int j = 0; j < 4; j++) {
                    k2 += pieces[l][i][j] == 1 ? 1 : 0;
                    k3 += pieces[l][i][j] == 2 ? 1 : 0;
                }
                pooledCounts[i][0] += k2;
                pooledCounts[i][1] += k3;
                expected.add(k2 / 4.0 + "," + k3 / 4.0);
            }
            assertThat(perDatum(acc.layers().get(l).neuronJoint())).as("fc%d", l + 1)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(perDatum(acc.layers().get(0).neuronJoint())).contains("0.75,0.0");
        for (int[] c : pooledCounts) {
            pooled.add(c[0] / 8.0 + "," + c[1] / 8.0);
        }
        assertThat(perDatum(acc.pooledNeuronJoint())).containsExactlyInAnyOrderElementsOf(pooled);
        assertThat(pooled.stream().distinct().count()).as("the oracle has several distinct points").isGreaterThan(3);
        assertThat(NetworkRegionAccumulator.fromBytes(acc.toBytes())).as("the joint survives a checkpoint").isEqualTo(acc);
        assertThat(new PreActivationSampler(TinyNetwork.build(PiecewiseLinear.relu()), 2).sampleAll(TinyNetwork.data(), 4)
                .pooledNeuronJoint()).as("no joint for two pieces").isNull();
    }

    /** The histogram expanded to one "R̄_2,R̄_3" string per datum, with the same division as SQL's k / units. */
    private static List<String> perDatum(NeuronJointHistogram h) {
        List<String> out = new ArrayList<>();
        for (NeuronJointHistogram.Cell c : h.cells()) {
            for (long d = 0; d < c.data(); d++) {
                out.add((double) c.k2() / h.units() + "," + (double) c.k3() / h.units());
            }
        }
        return out;
    }

    private static void check(PiecewiseLinear f) {
        int n = TinyNetwork.X.length;
        int pieces = f.pieces();
        int[][][] expected = TinyNetwork.pieces(f);
        PreActivationSampler sampler = new PreActivationSampler(TinyNetwork.build(f), 2);
        assertThat(sampler.hiddenLayers()).extracting(HiddenLayer::name).containsExactly("fc1", "fc2");
        assertThat(sampler.hiddenLayers()).extracting(HiddenLayer::units).containsExactly(4, 4);
        NetworkRegionAccumulator acc = sampler.sampleAll(TinyNetwork.data(), 4);
        assertThat(acc.dataCount()).isEqualTo(n);
        List<RegionStatsRow> rows = RegionStatistics.compute(acc, 51);
        assertThat(rows).hasSize(3 * 2 * pieces);

        int[][] pooledPerDatum = new int[n][pieces];
        List<List<Double>> pooledUnitFractions = new ArrayList<>();
        for (int p = 0; p < pieces; p++) {
            pooledUnitFractions.add(new ArrayList<>());
        }
        for (int l = 0; l < 2; l++) {
            LayerRegionAccumulator layer = acc.layers().get(l);
            int[][] unitCounts = new int[4][pieces];
            int[][] datumCounts = new int[n][pieces];
            Map<String, Integer> patterns = new HashMap<>();
            for (int i = 0; i < n; i++) {
                byte[] bytes = new byte[4];
                for (int j = 0; j < 4; j++) {
                    int p = expected[l][i][j];
                    unitCounts[j][p]++;
                    datumCounts[i][p]++;
                    pooledPerDatum[i][p]++;
                    bytes[j] = (byte) p;
                }
                patterns.merge(java.util.Arrays.toString(bytes), 1, Integer::sum);
                HashCode g = Hashing.murmur3_128(0).hashBytes(bytes);
                Hash128 key = new Hash128(g.asLong(), java.nio.ByteBuffer.wrap(g.asBytes(), 8, 8)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong());
                assertThat(layer.census().counts()).containsKey(key);
            }
            // census
            assertThat(layer.census().distinctPatterns()).isEqualTo(patterns.size());
            assertThat(layer.census().counts().values().stream().sorted().toList())
                    .isEqualTo(patterns.values().stream().map(Integer::longValue).sorted().toList());
            assertThat(layer.census().dataCount()).isEqualTo(n);
            for (int p = 0; p < pieces; p++) {
                double[] r = layer.unitFractions(p);
                double[] unitR = new double[4];
                double[] datumR = new double[n];
                for (int j = 0; j < 4; j++) {
                    assertThat(layer.unitCount(j, p)).isEqualTo(unitCounts[j][p]);
                    unitR[j] = (double) unitCounts[j][p] / n;
                    assertThat(r[j]).isEqualTo(unitR[j]);
                    pooledUnitFractions.get(p).add(unitR[j]);
                }
                for (int i = 0; i < n; i++) {
                    datumR[i] = datumCounts[i][p] / 4.0;
                }
                assertRow(find(rows, "fc" + (l + 1), Averaging.DATA, p + 1), unitR, n);
                assertRow(find(rows, "fc" + (l + 1), Averaging.NEURON, p + 1), datumR, 4);
            }
            if (pieces == 3) {
                double[][] joint = layer.jointFractions(1, 2);
                for (int j = 0; j < 4; j++) {
                    assertThat(joint[j]).containsExactly((double) unitCounts[j][1] / n, (double) unitCounts[j][2] / n);
                }
            }
        }
        for (int p = 0; p < pieces; p++) {
            double[] pooledData = pooledUnitFractions.get(p).stream().mapToDouble(Double::doubleValue).toArray();
            double[] pooledNeuron = new double[n];
            for (int i = 0; i < n; i++) {
                pooledNeuron[i] = pooledPerDatum[i][p] / 8.0;
            }
            assertRow(find(rows, RegionStatistics.POOLED, Averaging.DATA, p + 1), pooledData, n);
            assertRow(find(rows, RegionStatistics.POOLED, Averaging.NEURON, p + 1), pooledNeuron, 8);
        }
    }

    static RegionStatsRow find(List<RegionStatsRow> rows, String layer, Averaging averaging, int piece) {
        return rows.stream().filter(r -> r.layer().equals(layer) && r.averaging() == averaging && r.piece() == piece)
                .findFirst().orElseThrow();
    }

    /** Naive statistics of the values, independent of LatticeSample. */
    static void assertRow(RegionStatsRow row, double[] values, int trials) {
        int m = values.length;
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= m;
        double ss = 0;
        int zeros = 0;
        int ones = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
            zeros += v == 0 ? 1 : 0;
            ones += v == 1 ? 1 : 0;
        }
        assertThat(row.sampleSize()).isEqualTo(m);
        assertThat(row.trials()).isEqualTo(trials);
        assertThat(row.mean()).isCloseTo(mean, within(1e-14));
        assertThat(row.sd()).isCloseTo(Math.sqrt(ss / m), within(1e-12));
        assertThat(row.nullSd()).isCloseTo(Math.sqrt(mean * (1 - mean) / trials), within(1e-12));
        assertThat(row.fractionZero()).isEqualTo((double) zeros / m);
        assertThat(row.fractionOne()).isEqualTo((double) ones / m);
        assertThat(row.ksDistance()).isCloseTo(bruteForceKs(values, trials, mean), within(1e-12));
    }

    /** sup over a dense grid of x of |F_m(x) − G(x)|, with G summed from the binomial pmf. */
    static double bruteForceKs(double[] values, int trials, double p) {
        double max = 0;
        for (int step = -100; step <= 1100; step++) {
            double x = step / 1000.0 + 1e-9 * (step % 2 == 0 ? 1 : -1);
            double f = 0;
            for (double v : values) {
                f += v <= x ? 1 : 0;
            }
            f /= values.length;
            double g = 0;
            for (int k = 0; k <= trials; k++) {
                if ((double) k / trials <= x) {
                    g += CombinatoricsUtils.binomialCoefficientDouble(trials, k) * Math.pow(p, k) * Math.pow(1 - p, trials - k);
                }
            }
            max = Math.max(max, Math.abs(f - g));
        }
        return max;
    }
}
