package org.losslab.regions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.losslab.activations.PiecewiseLinear;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/** Cells visited (F12) on tiny networks against a brute-force forward pass. */
class CellVisitsTest {

    private static final int ROWS = 60;

    @Test
    void censusesAcrossThreeStatesAgreeWithBruteForce() {
        for (PiecewiseLinear f : List.of(PiecewiseLinear.relu(), PiecewiseLinear.hardTanh())) {
            MultiLayerNetwork net = RegionNetworks.mlp(3, new int[] {6, 4}, 2, f, 7, new NoOp(), DataType.DOUBLE);
            PlainDataset data = gaussianRows(ROWS, 3, 11);
            CellVisits visits = new CellVisits();
            List<List<String>> history = new ArrayList<>(); // per state, per layer, the row patterns joined
            SplittableRandom rng = new SplittableRandom(3);
            for (int state = 0; state < 3; state++) {
                if (state > 0) {
                    INDArray p = net.params().dup();
                    for (long i = 0; i < p.length(); i++) {
                        p.putScalar(i, p.getDouble(i) + 0.4 * rng.nextGaussian());
                    }
                    net.setParams(p);
                }
                // hidden pieces by hand: fc1 = layer 0, fc2 = layer 2
                int[][][] pieces = bruteForce(net, data, f);
                List<CellVisits.LayerVisit> got = visits.record(CellSnapshot.take(new PreActivationSampler(net, 3), data, 7));
                List<String> layerPatterns = new ArrayList<>();
                for (int l = 0; l < 2; l++) {
                    String[] rows = new String[ROWS];
                    for (int r = 0; r < ROWS; r++) {
                        rows[r] = Arrays.toString(pieces[l][r]);
                    }
                    layerPatterns.add(String.join(";", rows));
                    CellVisits.LayerVisit v = got.get(l);
                    assertThat(v.layer()).isEqualTo(l == 0 ? "fc1" : "fc2");
                    assertThat(v.census()).isEqualTo(state + 1);
                    assertThat(v.rows()).isEqualTo(ROWS);
                    assertThat(v.distinct()).isEqualTo(new HashSet<>(Arrays.asList(rows)).size());
                    Set<String> visited = new HashSet<>();
                    for (List<String> past : history) {
                        visited.addAll(Arrays.asList(past.get(l).split(";")));
                    }
                    Set<String> previous = history.isEmpty() ? Set.of() : new HashSet<>(Arrays.asList(history.get(history.size() - 1).get(l).split(";")));
                    visited.addAll(Arrays.asList(rows));
                    assertThat(v.visited()).isEqualTo(visited.size());
                    if (state == 0) {
                        assertThat(v.newSincePrevious()).isNull();
                        assertThat(v.rowsChanged()).isNull();
                    } else {
                        String[] before = history.get(history.size() - 1).get(l).split(";");
                        assertThat(v.newSincePrevious()).isEqualTo((int) Arrays.stream(rows).distinct().filter(p -> !previous.contains(p)).count());
                        int changed = 0;
                        for (int r = 0; r < ROWS; r++) {
                            changed += before[r].equals(rows[r]) ? 0 : 1;
                        }
                        assertThat(v.rowsChanged()).isEqualTo(changed);
                    }
                    int units = pieces[l][0].length;
                    int dead = 0;
                    int on = 0;
                    for (int j = 0; j < units; j++) {
                        boolean allBottom = true;
                        boolean allTop = true;
                        for (int r = 0; r < ROWS; r++) {
                            allBottom &= pieces[l][r][j] == 0;
                            allTop &= pieces[l][r][j] == f.pieces() - 1;
                        }
                        dead += allBottom ? 1 : 0;
                        on += allTop ? 1 : 0;
                    }
                    assertThat(v.deadFraction()).isEqualTo((double) dead / units);
                    assertThat(v.alwaysOnFraction()).isEqualTo((double) on / units);
                }
                history.add(layerPatterns);
                // the tracker's state survives a round trip and continues identically
                CellVisits copy = CellVisits.fromBytes(visits.toBytes());
                assertThat(copy.toBytes()).isEqualTo(visits.toBytes());
                assertThat(copy.censuses()).isEqualTo(state + 1);
                visits = copy;
            }
        }
    }

    @Test
    void deadAndAlwaysOnUnitsAreCounted() {
        // unit 0 dead (bias −100), unit 1 always on (bias +100), the others mixed: a 1-4-2 ReLU net on x ∈ (−1, 1)
        MultiLayerNetwork net = RegionNetworks.mlp(1, new int[] {4}, 2, PiecewiseLinear.relu(), 1, new NoOp(), DataType.DOUBLE);
        net.getLayer(0).setParam("W", Nd4j.create(new double[][] {{1, 1, 1, -1}}));
        net.getLayer(0).setParam("b", Nd4j.create(new double[][] {{-100, 100, 0, 0}}));
        float[] x = new float[ROWS];
        for (int i = 0; i < ROWS; i++) {
            x[i] = -0.99f + 1.98f * i / (ROWS - 1);
        }
        CellVisits.LayerVisit v = new CellVisits()
                .record(CellSnapshot.take(new PreActivationSampler(net, 1), PlainDataset.unlabelled(x, 1), 16)).get(0);
        assertThat(v.deadFraction()).isEqualTo(0.25);
        assertThat(v.alwaysOnFraction()).isEqualTo(0.25);
        assertThat(v.distinct()).isEqualTo(2); // x ≤ 0 and x > 0
    }

    @Test
    void choromanskaParametersGiveTheCellsOfTheirFlatLayout() {
        int[] sizes = {5, 7, 10};
        int f = sizes[0];
        int h = sizes[1];
        SplittableRandom rng = new SplittableRandom(9);
        float[] params = new float[f * h + h + h * 10 + 10];
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) (2 * rng.nextDouble() - 1);
        }
        PlainDataset data = gaussianRows(ROWS, f, 4);
        MultiLayerNetwork net = RegionNetworks.mlpWithParameters(sizes, PiecewiseLinear.relu(), params);
        CellSnapshot.Layer layer = CellSnapshot.take(new PreActivationSampler(net, f), data, 13).layers().get(0);
        String[] patterns = new String[ROWS];
        for (int r = 0; r < ROWS; r++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < h; j++) {
                double z = params[f * h + j];
                for (int i = 0; i < f; i++) {
                    z += (double) data.features()[r * f + i] * params[i + j * f]; // W1 column-major [in × out]
                }
                sb.append(z > 0 ? '1' : '0');
            }
            patterns[r] = sb.toString();
        }
        for (int a = 0; a < ROWS; a++) {
            for (int b = 0; b < ROWS; b++) {
                assertThat(layer.rowPatterns()[a].equals(layer.rowPatterns()[b])).isEqualTo(patterns[a].equals(patterns[b]));
            }
        }
        assertThat(layer.distinctPatterns()).isEqualTo(new HashSet<>(Arrays.asList(patterns)).size());
        assertThatThrownBy(() -> RegionNetworks.mlpWithParameters(sizes, PiecewiseLinear.relu(), new float[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameters");
    }

    @Test
    void aCensusOfAnotherSubsetOrNetworkIsRefusedAndCorruptStateIsBadInput() {
        MultiLayerNetwork net = RegionNetworks.mlp(3, new int[] {6, 4}, 2, PiecewiseLinear.relu(), 7, new NoOp(), DataType.DOUBLE);
        PreActivationSampler sampler = new PreActivationSampler(net, 3);
        CellVisits visits = new CellVisits();
        visits.record(CellSnapshot.take(sampler, gaussianRows(ROWS, 3, 1), 8));
        assertThatThrownBy(() -> visits.record(CellSnapshot.take(sampler, gaussianRows(ROWS + 1, 3, 1), 8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not continue");
        MultiLayerNetwork other = RegionNetworks.mlp(3, new int[] {6}, 2, PiecewiseLinear.relu(), 7, new NoOp(), DataType.DOUBLE);
        assertThatThrownBy(() -> visits.record(CellSnapshot.take(new PreActivationSampler(other, 3), gaussianRows(ROWS, 3, 1), 8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layers");
        byte[] bytes = visits.toBytes();
        assertThatThrownBy(() -> CellVisits.fromBytes(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corrupt");
        assertThatThrownBy(() -> CellSnapshot.take(sampler, gaussianRows(ROWS, 3, 1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch size");
    }

    private static PlainDataset gaussianRows(int rows, int dim, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[rows * dim];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return PlainDataset.unlabelled(x, dim);
    }

    /** pieces[layer][row][unit] of the two hidden layers, by a naive double forward pass of the DL4J parameters. */
    private static int[][][] bruteForce(MultiLayerNetwork net, PlainDataset data, PiecewiseLinear f) {
        double[][] w1 = net.getLayer(0).getParam("W").toDoubleMatrix();
        double[] b1 = net.getLayer(0).getParam("b").toDoubleVector();
        double[][] w2 = net.getLayer(2).getParam("W").toDoubleMatrix();
        double[] b2 = net.getLayer(2).getParam("b").toDoubleVector();
        int[][][] out = new int[2][data.size()][];
        for (int r = 0; r < data.size(); r++) {
            double[] x = new double[data.dim()];
            for (int i = 0; i < x.length; i++) {
                x[i] = data.features()[r * data.dim() + i];
            }
            double[] z1 = affine(x, w1, b1);
            double[] a1 = new double[z1.length];
            out[0][r] = new int[z1.length];
            for (int j = 0; j < z1.length; j++) {
                out[0][r][j] = f.piece(z1[j]);
                a1[j] = f.value(z1[j]);
            }
            double[] z2 = affine(a1, w2, b2);
            out[1][r] = new int[z2.length];
            for (int j = 0; j < z2.length; j++) {
                out[1][r][j] = f.piece(z2[j]);
            }
        }
        return out;
    }

    private static double[] affine(double[] x, double[][] w, double[] b) {
        double[] z = b.clone();
        for (int j = 0; j < z.length; j++) {
            for (int k = 0; k < x.length; k++) {
                z[j] += x[k] * w[k][j];
            }
        }
        return z;
    }
}
