package org.losslab.regions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.activations.PiecewiseLinear;
import org.losslab.activations.PiecewiseLinearFitter;

/** Streaming, checkpoint/resume, merge and the §C.4 invariants on small MNIST-shaped networks. */
class StreamingSamplerTest {

    private static PlainDataset data;
    private static PreActivationSampler hardTanhMlp;

    @BeforeAll
    static void setUp() {
        data = syntheticImages(300, 5);
        hardTanhMlp = new PreActivationSampler(
                RegionNetworks.mnistMlp(new int[] {32, 24, 16}, PiecewiseLinear.hardTanh(), 11), 784);
    }

    /** Sparse blob images in [0, 1] with 10 labels, MNIST-shaped. */
    static PlainDataset syntheticImages(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * 784];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(10);
            int cx = 6 + 2 * y[i] + r.nextInt(3);
            int cy = 8 + r.nextInt(12);
            for (int py = 0; py < 28; py++) {
                for (int px = 0; px < 28; px++) {
                    double d2 = (px - cx) * (px - cx) + (py - cy) * (py - cy);
                    x[i * 784 + py * 28 + px] = (float) Math.min(1, Math.exp(-d2 / 18) * 1.3 + 0.05 * r.nextDouble());
                }
            }
        }
        return new PlainDataset(x, y, 784);
    }

    /** Bit-identical rows (compared through Double.toString, which also equates NaN with NaN). */
    static void assertSameRows(List<RegionStatsRow> a, List<RegionStatsRow> b) {
        assertThat(a.stream().map(StreamingSamplerTest::text).toList()).isEqualTo(b.stream().map(StreamingSamplerTest::text).toList());
    }

    static String text(RegionStatsRow r) {
        return r.toString().replaceAll("kde=KdeCurve\\[.*", "") + Arrays.toString(r.kde().x())
                + Arrays.toString(r.kde().density()) + r.kde().bandwidth();
    }

    @Test
    void twoBatchSizesGiveIdenticalAccumulatorsAndStatistics() {
        NetworkRegionAccumulator small = hardTanhMlp.sampleAll(data, 7);
        NetworkRegionAccumulator large = hardTanhMlp.sampleAll(data, 128);
        assertThat(small).isEqualTo(large);
        assertThat(small.toBytes()).isEqualTo(large.toBytes());
        assertSameRows(RegionStatistics.compute(small, 101), RegionStatistics.compute(large, 101));
    }

    @Test
    void checkpointThroughBytesAndResumeEqualsOneShot() {
        NetworkRegionAccumulator oneShot = hardTanhMlp.sampleAll(data, 50);
        NetworkRegionAccumulator first = hardTanhMlp.newAccumulator(0);
        hardTanhMlp.sampleRows(data, 0, 150, 50, first);
        byte[] checkpoint = first.toBytes();
        NetworkRegionAccumulator resumed = NetworkRegionAccumulator.fromBytes(checkpoint);
        assertThat(resumed).isEqualTo(first);
        assertThat(resumed.nextRow()).isEqualTo(150);
        hardTanhMlp.sampleRows(data, (int) resumed.nextRow(), data.size(), 50, resumed);
        assertThat(resumed).isEqualTo(oneShot);
        assertThat(resumed.toBytes()).isEqualTo(oneShot.toBytes());
        assertSameRows(RegionStatistics.compute(resumed, 51), RegionStatistics.compute(oneShot, 51));
        // resuming at the wrong row fails instead of double counting
        NetworkRegionAccumulator again = NetworkRegionAccumulator.fromBytes(checkpoint);
        assertThatThrownBy(() -> hardTanhMlp.sampleRows(data, 100, 200, 50, again))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("expects row 150");
    }

    @Test
    void mergingConsecutiveRangesEqualsOneShot() {
        NetworkRegionAccumulator oneShot = hardTanhMlp.sampleAll(data, 64);
        NetworkRegionAccumulator head = hardTanhMlp.newAccumulator(0);
        hardTanhMlp.sampleRows(data, 0, 120, 64, head);
        NetworkRegionAccumulator tail = hardTanhMlp.newAccumulator(120);
        hardTanhMlp.sampleRows(data, 120, 300, 64, tail);
        head.merge(tail);
        assertThat(head).isEqualTo(oneShot);
        assertThatThrownBy(() -> head.merge(tail)).hasMessageContaining("starts at row 120");
    }

    @Test
    void version1StatesAreReadWithoutAJointAndRefusedForThreePieces() {
        PlainDataset ten = new PlainDataset(Arrays.copyOf(data.features(), 784 * 10), null, 784);
        NetworkRegionAccumulator relu = new PreActivationSampler(
                RegionNetworks.mnistMlp(new int[] {8}, PiecewiseLinear.relu(), 3), 784).sampleAll(ten, 5);
        // L != 3: v1 and v2 bytes differ only in the format name (same length, last character)
        assertThat(NetworkRegionAccumulator.fromBytes(asVersion1(relu.toBytes()))).isEqualTo(relu);
        assertThatThrownBy(() -> NetworkRegionAccumulator.fromBytes(asVersion1(hardTanhMlp.sampleAll(ten, 5).toBytes())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lacks the neuron-averaged joint");
    }

    private static byte[] asVersion1(byte[] v2) {
        byte[] b = v2.clone();
        assertThat(new String(b, 1, 18, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("losslab.regions.v2");
        b[18] = '1';
        return b;
    }

    @Test
    void corruptCheckpointBytesAreRejected() {
        byte[] bytes = hardTanhMlp.sampleAll(new PlainDataset(Arrays.copyOf(data.features(), 784 * 10), null, 784), 5).toBytes();
        assertThatThrownBy(() -> NetworkRegionAccumulator.fromBytes(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accumulator state bytes");
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> NetworkRegionAccumulator.fromBytes(longer)).hasMessageContaining("trailing");
        byte[] foreign = bytes.clone();
        foreign[3] ^= 0x20;
        assertThatThrownBy(() -> NetworkRegionAccumulator.fromBytes(foreign)).hasMessageContaining("unknown format");
    }

    @Test
    void gaussianInputsDoNotDependOnBatchingAndAreStandardNormal() {
        float[] all = GaussianInputs.rows(99, 0, 10, 784);
        float[] middle = GaussianInputs.rows(99, 5, 3, 784);
        assertThat(middle).containsExactly(Arrays.copyOfRange(all, 5 * 784, 8 * 784));
        double sum = 0;
        double sq = 0;
        for (float v : all) {
            sum += v;
            sq += v * v;
        }
        assertThat(sum / all.length).isCloseTo(0, within(0.05));
        assertThat(sq / all.length).isCloseTo(1, within(0.05));
        NetworkRegionAccumulator a = hardTanhMlp.newAccumulator(0);
        hardTanhMlp.sampleGaussian(99, 0, 90, 13, a);
        NetworkRegionAccumulator b = hardTanhMlp.newAccumulator(0);
        hardTanhMlp.sampleGaussian(99, 0, 90, 90, b);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void meansSumToOneAndBothAveragingsShareTheGrandMeanExactly() {
        assertInvariants(hardTanhMlp.sampleAll(data, 100));
        MultiLayerNetwork tanhNet = RegionNetworks.mnistMlp(new int[] {20, 20}, PiecewiseLinearFitter.tanh(5).activation(), 3);
        PreActivationSampler tanh = new PreActivationSampler(tanhNet, 784);
        NetworkRegionAccumulator g = tanh.newAccumulator(0);
        tanh.sampleGaussian(1, 0, 200, 64, g);
        assertInvariants(g);
        // the pooled grand mean is the unit-weighted mean of the layers' means
        NetworkRegionAccumulator acc = hardTanhMlp.sampleAll(data, 100);
        for (int p = 0; p < 3; p++) {
            double weighted = 0;
            for (LayerRegionAccumulator l : acc.layers()) {
                weighted += l.dataAveraging(p).mean() * l.units();
            }
            assertThat(acc.pooledDataAveraging(p).mean()).isCloseTo(weighted / acc.totalUnits(), within(1e-14));
        }
    }

    static void assertInvariants(NetworkRegionAccumulator acc) {
        List<RegionStatsRow> rows = RegionStatistics.compute(acc, 11);
        List<String> layers = rows.stream().map(RegionStatsRow::layer).distinct().toList();
        assertThat(layers).contains(RegionStatistics.POOLED);
        for (String layer : layers) {
            for (Averaging av : Averaging.values()) {
                double total = 0;
                for (int p = 1; p <= acc.pieces(); p++) {
                    total += RegionOracleTest.find(rows, layer, av, p).mean();
                }
                assertThat(total).as("%s %s", layer, av).isCloseTo(1.0, within(1e-12));
            }
            for (int p = 1; p <= acc.pieces(); p++) {
                assertThat(RegionOracleTest.find(rows, layer, Averaging.DATA, p).mean()).as("%s piece %d", layer, p)
                        .isEqualTo(RegionOracleTest.find(rows, layer, Averaging.NEURON, p).mean());
            }
        }
    }
}
