package org.losslab.cells;

import java.util.Arrays;

/**
 * Stage 1 of the spurious-minimum construction (science.md §D.3; §D.5 item 2(a)): a network θ_lin
 * in the "all units on the z &gt; 0 piece" cell whose end-to-end map is the best affine fit
 * (W*, b*). W*'s rows go into the first d_Y units of layer 1 (times scale α), identity blocks
 * (times a scale) carry them through the hidden layers, the other units get zero weights, every
 * hidden bias is set so that each unit's minimum pre-activation over the data is exactly η, and the
 * output layer divides by the accumulated gain and subtracts the accumulated bias. Inside that cell
 * the network is an affine model, so no nearby θ beats R̂_lin*: θ_lin is a local minimum. η and the
 * scales vary continuously, giving the continuum of minima and the valley of §D.3.
 *
 * @param scales positive scale of W_1 (α) then of each hidden-to-hidden identity block; one per hidden layer
 */
public record LinearCellConstruction(Network network, Dataset data, AffineFit affineFit, double eta,
                                     double[] scales, double[] theta) {

    /** Builds θ_lin for the given architecture (squared loss; s+ ≠ 0; hidden widths ≥ d_Y). */
    public static LinearCellConstruction build(Network net, Dataset data, double eta, double[] scales) {
        return build(net, data, AffineFit.leastSquares(data), eta, scales);
    }

    /** As {@link #build(Network, Dataset, double, double[])} with a precomputed affine fit. */
    public static LinearCellConstruction build(Network net, Dataset data, AffineFit fit, double eta, double[] scales) {
        int[] d = net.widths();
        int layers = net.layers();
        int dy = data.outputDim();
        double s = net.activation().slopePositive();
        if (net.loss() != Loss.SQUARED) {
            throw new IllegalArgumentException("cells stage 1: needs the squared loss (closed-form affine optimum), got " + net.loss());
        }
        if (s == 0) {
            throw new IllegalArgumentException("cells stage 1: the z > 0 slope of " + net.activation().name() + " must be non-zero");
        }
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("cells stage 1: eta must be positive and finite, got " + eta);
        }
        if (scales == null || scales.length != layers - 1 || Arrays.stream(scales).anyMatch(v -> !(v > 0) || !Double.isFinite(v))) {
            throw new IllegalArgumentException("cells stage 1: need " + (layers - 1) + " positive scales (one per hidden layer), got "
                    + Arrays.toString(scales));
        }
        for (int j = 1; j < d.length - 1; j++) {
            if (d[j] < dy) {
                throw new IllegalArgumentException("cells stage 1: hidden width " + d[j] + " < d_Y = " + dy);
            }
        }
        double[] theta = new double[net.parameterCount()];
        int n = data.size();
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = data.x()[i];
        }
        for (int j = 0; j < layers - 1; j++) {
            for (int k = 0; k < dy; k++) {
                if (j == 0) {
                    for (int c = 0; c < d[0]; c++) {
                        theta[net.weightIndex(0, k, c)] = scales[0] * fit.weights()[k][c];
                    }
                } else {
                    theta[net.weightIndex(j, k, k)] = scales[j];
                }
            }
            double[][] z = new double[n][d[j + 1]];
            double[] min = new double[d[j + 1]];
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                for (int r = 0; r < d[j + 1]; r++) {
                    double v = 0;
                    for (int c = 0; c < d[j]; c++) {
                        v += theta[net.weightIndex(j, r, c)] * a[i][c];
                    }
                    z[i][r] = v;
                    min[r] = Math.min(min[r], v);
                }
            }
            for (int r = 0; r < d[j + 1]; r++) {
                theta[net.biasIndex(j, r)] = eta - min[r];
            }
            for (int i = 0; i < n; i++) {
                double[] next = new double[d[j + 1]];
                for (int r = 0; r < d[j + 1]; r++) {
                    next[r] = s * (z[i][r] + theta[net.biasIndex(j, r)]);
                }
                a[i] = next;
            }
        }
        double gain = scales[0];
        for (int j = 1; j < layers - 1; j++) {
            gain *= s * scales[j];
        }
        double g = 1.0 / (s * gain);
        int out = layers - 1;
        for (int k = 0; k < dy; k++) {
            theta[net.weightIndex(out, k, k)] = g;
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += fit.predict(data.x()[i])[k] - g * a[i][k];
            }
            theta[net.biasIndex(out, k)] = mean / n;
        }
        return new LinearCellConstruction(net, data, fit, eta, scales.clone(), theta);
    }

    /** Default scales: all 1. */
    public static double[] unitScales(Network net) {
        double[] s = new double[net.layers() - 1];
        Arrays.fill(s, 1.0);
        return s;
    }

    /** The same construction data with θ replaced, e.g. a deliberately broken point for a negative control. */
    public LinearCellConstruction withTheta(double[] other) {
        return new LinearCellConstruction(network, data, affineFit, eta, scales, other.clone());
    }
}
