package org.losslab.regions;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.losslab.activations.PiecewiseLinear;

/** LeNet-5: conv units are channel × position, checked against a naive convolution (§C.4). */
class LeNetSamplingTest {

    @Test
    void conv1PiecesPerChannelAndPositionMatchANaiveConvolution() {
        PiecewiseLinear f = PiecewiseLinear.hardTanh();
        MultiLayerNetwork net = RegionNetworks.lenet5(f, 21);
        PreActivationSampler sampler = new PreActivationSampler(net, 784);
        assertThat(sampler.hiddenLayers()).extracting(HiddenLayer::name).containsExactly("conv1", "conv2", "fc3", "fc4");
        assertThat(sampler.hiddenLayers()).extracting(HiddenLayer::units).containsExactly(6 * 28 * 28, 16 * 10 * 10, 120, 84);

        int n = 4;
        PlainDataset data = StreamingSamplerTest.syntheticImages(n, 8);
        // scale up so that all three HardTanh pieces occur
        float[] x = data.features().clone();
        for (int i = 0; i < x.length; i++) {
            x[i] = 4 * x[i] - 1;
        }
        PlainDataset scaled = PlainDataset.unlabelled(x, 784);
        NetworkRegionAccumulator acc = sampler.sampleAll(scaled, 3);
        LayerRegionAccumulator conv1 = acc.layers().get(0);

        double[] w = net.getLayer(0).getParam("W").dup().reshape(6 * 25).toDoubleVector(); // [6,1,5,5]
        double[] b = net.getLayer(0).getParam("b").dup().reshape(6).toDoubleVector();
        int checked = 0;
        int[] seen = new int[3];
        for (int c = 0; c < 6; c++) {
            for (int y = 0; y < 28; y++) {
                for (int xx = 0; xx < 28; xx++) {
                    int[] counts = new int[3];
                    boolean ambiguous = false;
                    for (int i = 0; i < n; i++) {
                        double z = b[c];
                        for (int ky = 0; ky < 5; ky++) {
                            for (int kx = 0; kx < 5; kx++) {
                                int iy = y + ky - 2;
                                int ix = xx + kx - 2;
                                if (iy >= 0 && iy < 28 && ix >= 0 && ix < 28) {
                                    z += w[c * 25 + ky * 5 + kx] * x[i * 784 + iy * 28 + ix];
                                }
                            }
                        }
                        ambiguous |= Math.abs(Math.abs(z) - 1) < 1e-4; // float vs double rounding at a breakpoint
                        counts[f.piece(z)]++;
                    }
                    if (ambiguous) {
                        continue;
                    }
                    int unit = c * 28 * 28 + y * 28 + xx;
                    for (int p = 0; p < 3; p++) {
                        assertThat(conv1.unitCount(unit, p)).as("unit c=%d y=%d x=%d piece %d", c, y, xx, p).isEqualTo(counts[p]);
                        seen[p] += counts[p];
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(4600);
        assertThat(seen).as("all three pieces occur").doesNotContain(0);
        StreamingSamplerTest.assertInvariants(acc);
    }
}
