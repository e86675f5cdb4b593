package org.losslab.regions;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.activations.PiecewiseLinear;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * A 2-4-4-2 MLP with hand-set dyadic weights (all arithmetic exact in double), plus a naive
 * forward pass that serves as the oracle for pre-activations and pieces.
 */
final class TinyNetwork {

    static final double[][] W1 = {{1, -1, 0.5, 2}, {1, 1, -0.5, 0}};
    static final double[] B1 = {0, 0, 0.5, -1};
    static final double[][] W2 = {{0.5, -1, 1, 0.25}, {1, 0.5, -1, 0}, {-0.5, 1, 0.5, 1}, {0.25, 0, -0.25, -1}};
    static final double[] B2 = {0, -0.5, 0.25, 0.5};
    /** Inputs chosen so that several pre-activations land exactly on 0, −1 and 1. */
    static final double[][] X = {{0, 0}, {1, 0}, {0, 1}, {-1, 1}, {0.5, 0.5}, {2, -1}, {-1, -1}, {1, 0}, {0.25, -0.75}};

    private TinyNetwork() {
    }

    static MultiLayerNetwork build(PiecewiseLinear f) {
        MultiLayerNetwork net = RegionNetworks.mlp(2, new int[] {4, 4}, 2, f, 1, new NoOp(), DataType.DOUBLE);
        net.getLayer(0).setParam("W", Nd4j.create(W1));
        net.getLayer(0).setParam("b", Nd4j.create(new double[][] {B1}));
        net.getLayer(2).setParam("W", Nd4j.create(W2));
        net.getLayer(2).setParam("b", Nd4j.create(new double[][] {B2}));
        return net;
    }

    static PlainDataset data() {
        float[] x = new float[X.length * 2];
        for (int i = 0; i < X.length; i++) {
            x[2 * i] = (float) X[i][0];
            x[2 * i + 1] = (float) X[i][1];
        }
        return PlainDataset.unlabelled(x, 2);
    }

    /** pieces[layer][datum][unit] from a naive forward pass. */
    static int[][][] pieces(PiecewiseLinear f) {
        int[][][] out = new int[2][X.length][4];
        for (int i = 0; i < X.length; i++) {
            double[] z1 = affine(X[i], W1, B1);
            double[] a1 = new double[4];
            for (int j = 0; j < 4; j++) {
                out[0][i][j] = f.piece(z1[j]);
                a1[j] = f.value(z1[j]);
            }
            double[] z2 = affine(a1, W2, B2);
            for (int j = 0; j < 4; j++) {
                out[1][i][j] = f.piece(z2[j]);
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
