package org.losslab.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.losslab.regions.NetworkTrainer;
import org.losslab.regions.PlainDataset;
import org.losslab.regions.RegionNetworks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;

class PiecewiseLinearActivationTest {

    private static final List<PiecewiseLinear> ACTIVATIONS = List.of(PiecewiseLinear.relu(), PiecewiseLinear.leakyRelu(0.1),
            PiecewiseLinear.hardTanh(), PiecewiseLinearFitter.tanh(5).activation(),
            new PiecewiseLinear("jumpy", new double[] {-0.5, 0.25}, new double[] {2, -1, 0.5}, new double[] {1, 0, -3}));

    private static double[] sampleWithBreakpoints(PiecewiseLinear f, int n, long seed) {
        Random r = new Random(seed);
        double[] z = new double[n];
        double[] a = f.breakpoints();
        for (int i = 0; i < n; i++) {
            z[i] = i < a.length ? a[i] : i < 2 * a.length ? Math.nextUp(a[i - a.length]) : 3 * r.nextGaussian();
        }
        return z;
    }

    @Test
    void forwardAndBackwardMatchTheModelElementwiseIncludingBreakpoints() {
        for (PiecewiseLinear f : ACTIVATIONS) {
            double[] z = sampleWithBreakpoints(f, 500, 3);
            double[] eps = sampleWithBreakpoints(f, 500, 4);
            PiecewiseLinearActivation act = new PiecewiseLinearActivation(f);
            double[] out = act.getActivation(Nd4j.createFromArray(z).reshape(25, 20), false).reshape(500).toDoubleVector();
            double[] grad = act.backprop(Nd4j.createFromArray(z).reshape(25, 20), Nd4j.createFromArray(eps).reshape(25, 20))
                    .getFirst().reshape(500).toDoubleVector();
            for (int i = 0; i < z.length; i++) {
                assertThat(out[i]).as("%s(%s)", f.name(), z[i]).isEqualTo(f.value(z[i]));
                assertThat(grad[i]).as("%s'(%s)", f.name(), z[i]).isEqualTo(f.derivative(z[i]) * eps[i]);
            }
        }
    }

    @Test
    void bothPassesWorkInPlaceLikeTheBuiltIns() {
        // DL4J validates that the activation's result lives in the input's workspace
        PiecewiseLinearActivation act = new PiecewiseLinearActivation(PiecewiseLinear.hardTanh());
        INDArray z = Nd4j.createFromArray(-3.0, -1.0, 0.5, 2.0);
        assertThat(act.getActivation(z, false)).isSameAs(z);
        assertThat(z.toDoubleVector()).containsExactly(-1.0, -1.0, 0.5, 1.0);
        INDArray z2 = Nd4j.createFromArray(-3.0, -1.0, 0.5, 2.0);
        INDArray e = Nd4j.createFromArray(1.0, 2.0, 3.0, 4.0);
        assertThat(act.backprop(z2, e).getFirst()).isSameAs(z2);
        assertThat(z2.toDoubleVector()).containsExactly(0.0, 0.0, 3.0, 0.0);
        assertThat(e.toDoubleVector()).containsExactly(1.0, 2.0, 3.0, 4.0);
    }

    @Test
    void maskFallbackForNonDenseArraysAgreesWithTheDenseFastPath() {
        for (PiecewiseLinear f : ACTIVATIONS) {
            for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
                double[] z = sampleWithBreakpoints(f, 500, 5);
                double[] eps = sampleWithBreakpoints(f, 500, 6);
                PiecewiseLinearActivation act = new PiecewiseLinearActivation(f);
                INDArray dense = Nd4j.createFromArray(z).reshape(25, 20).castTo(type).dup('c');
                INDArray fOrder = dense.dup('f');
                assertThat(DenseArrays.isDense(dense)).isTrue();
                assertThat(DenseArrays.isDense(fOrder)).isFalse();
                INDArray e = Nd4j.createFromArray(eps).reshape(25, 20).castTo(type);
                INDArray fast = act.getActivation(dense.dup(), false);
                INDArray slow = act.getActivation(fOrder.dup('f'), false);
                assertThat(slow.dup('c').reshape(500).toDoubleVector()).as("%s %s", f.name(), type)
                        .containsExactly(fast.reshape(500).toDoubleVector());
                INDArray fastGrad = act.backprop(dense.dup(), e.dup()).getFirst();
                INDArray slowGrad = act.backprop(fOrder.dup('f'), e.dup('f')).getFirst();
                assertThat(slowGrad.dup('c').reshape(500).toDoubleVector()).as("%s %s grad", f.name(), type)
                        .containsExactly(fastGrad.reshape(500).toDoubleVector());
            }
        }
    }

    @Test
    void hardTanhMiddlePieceIsExactInFloat() {
        float[] z = {-1f, -0.999999f, 1e-8f, 0.3f, 0.7777777f, 1f, 1.0000001f};
        INDArray out = new PiecewiseLinearActivation(PiecewiseLinear.hardTanh())
                .getActivation(Nd4j.createFromArray(z), false);
        assertThat(out.toFloatVector()).containsExactly(-1f, -0.999999f, 1e-8f, 0.3f, 0.7777777f, 1f, 1f);
    }

    @Test
    void backpropMatchesFiniteDifferencesAwayFromBreakpoints() {
        double h = 1e-6;
        for (PiecewiseLinear f : ACTIVATIONS) {
            PiecewiseLinearActivation act = new PiecewiseLinearActivation(f);
            Random r = new Random(11);
            int n = 400;
            double[] z = new double[n];
            double[] e = new double[n];
            for (int i = 0; i < n; i++) {
                boolean nearKink;
                do {
                    z[i] = 3 * r.nextGaussian();
                    nearKink = false;
                    for (double a : f.breakpoints()) {
                        nearKink |= Math.abs(z[i] - a) < 10 * h;
                    }
                } while (nearKink);
                e[i] = r.nextGaussian();
            }
            INDArray zz = Nd4j.createFromArray(z);
            double[] up = act.getActivation(zz.add(h), false).toDoubleVector();
            double[] down = act.getActivation(zz.sub(h), false).toDoubleVector();
            double[] analytic = act.backprop(zz.dup(), Nd4j.createFromArray(e)).getFirst().toDoubleVector();
            for (int i = 0; i < n; i++) {
                double numeric = e[i] * (up[i] - down[i]) / (2 * h);
                assertThat(analytic[i]).as("%s at %s", f.name(), z[i]).isCloseTo(numeric, within(1e-7));
            }
        }
    }

    @Test
    void networkGradientCheckPassesInDouble() {
        DataType previous = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE); // GradientCheckUtil insists; restored below
        try {
            gradientCheck();
        } finally {
            Nd4j.setDefaultDataTypes(previous, previous);
        }
    }

    private static void gradientCheck() {
        for (PiecewiseLinear f : List.of(PiecewiseLinear.leakyRelu(0.1), PiecewiseLinearFitter.tanh(4).activation())) {
            MultiLayerNetwork net = RegionNetworks.mlp(4, new int[] {6, 5}, 3, f, 42, new NoOp(), DataType.DOUBLE);
            Nd4j.getRandom().setSeed(5);
            INDArray x = Nd4j.randn(DataType.DOUBLE, 8, 4);
            INDArray y = Nd4j.zeros(DataType.DOUBLE, 8, 3);
            for (int i = 0; i < 8; i++) {
                y.putScalar(i, i % 3, 1.0);
            }
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9));
            assertThat(ok).as("gradient check with %s", f.name()).isTrue();
        }
    }

    @Test
    void smallMlpTrainsWithAFittedActivation() {
        // two Gaussian blobs per class in 8-D, 3 classes
        int n = 600;
        int dim = 8;
        Random r = new Random(9);
        float[] x = new float[n * dim];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int d = 0; d < dim; d++) {
                x[i * dim + d] = (float) (r.nextGaussian() * 0.7 + (d % 3 == y[i] ? 1.5 : 0));
            }
        }
        PlainDataset data = new PlainDataset(x, y, dim);
        MultiLayerNetwork net = RegionNetworks.mlp(dim, new int[] {16, 16}, 3, PiecewiseLinearFitter.tanh(5).activation(),
                7, new Adam(1e-2), DataType.FLOAT);
        NetworkTrainer.Report report = NetworkTrainer.train(net, data, data, new NetworkTrainer.Options(8, 32, 1));
        List<Double> loss = report.epochLoss();
        assertThat(loss.get(loss.size() - 1)).isLessThan(0.6 * loss.get(0));
        assertThat(report.testAccuracy()).isGreaterThan(0.85);
    }

    @Test
    void configAndModelRoundTripThroughDl4jSerialisation() throws Exception {
        PiecewiseLinear f = PiecewiseLinearFitter.sigmoid(4).activation();
        MultiLayerNetwork net = RegionNetworks.mlp(5, new int[] {7}, 2, f, 3, new Adam(1e-3), DataType.FLOAT);
        String json = net.getLayerWiseConfigurations().toJson();
        assertThat(json).contains(PiecewiseLinearActivation.class.getName()).contains("sigmoid-pl4");
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertThat(back).isEqualTo(net.getLayerWiseConfigurations());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);
        INDArray in = Nd4j.rand(DataType.FLOAT, 4, 5).subi(0.5).muli(8);
        assertThat(restored.output(in)).isEqualTo(net.output(in));
    }
}
