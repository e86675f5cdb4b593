package org.losslab.cells;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * Exact Hessian of R̂ inside an open cell by Pearlmutter's R-operator (forward-over-reverse): inside a
 * cell h' is constant, so R{h'(z)} = 0 and the Hessian–vector product is exact, not a finite
 * difference. The full Hessian is P such products (science.md §D.5 item 2(c): eigenvalues ≥ −1e−8).
 * At a kink the one-sided slope of {@link TwoPieceActivation#slope} is used, like the gradient.
 */
public final class NetworkHessian {

    private NetworkHessian() {
    }

    /** H(θ) v. */
    public static double[] hessianVector(Network net, double[] theta, Dataset data, double[] v) {
        net.checkShapes(theta, data);
        double[] out = new double[net.parameterCount()];
        double[][][] z = forwardAll(net, theta, data);
        for (int i = 0; i < data.size(); i++) {
            accumulate(net, theta, data.x()[i], data.y()[i], z[i], v, 1.0 / data.size(), out);
        }
        return out;
    }

    /** The full symmetric Hessian (symmetrised to remove rounding asymmetry). */
    public static double[][] hessian(Network net, double[] theta, Dataset data) {
        net.checkShapes(theta, data);
        int p = net.parameterCount();
        double[][] h = new double[p][];
        double[][][] z = forwardAll(net, theta, data);
        for (int c = 0; c < p; c++) {
            double[] e = new double[p];
            e[c] = 1;
            double[] col = new double[p];
            for (int i = 0; i < data.size(); i++) {
                accumulate(net, theta, data.x()[i], data.y()[i], z[i], e, 1.0 / data.size(), col);
            }
            h[c] = col;
        }
        for (int r = 0; r < p; r++) {
            for (int c = r + 1; c < p; c++) {
                double m = 0.5 * (h[r][c] + h[c][r]);
                h[r][c] = m;
                h[c][r] = m;
            }
        }
        return h;
    }

    /** Eigenvalues of a symmetric matrix, increasing. */
    public static double[] eigenvalues(double[][] symmetric) {
        double[] ev = new EigenDecomposition(new Array2DRowRealMatrix(symmetric, false)).getRealEigenvalues();
        java.util.Arrays.sort(ev);
        return ev;
    }

    private static double[][][] forwardAll(Network net, double[] theta, Dataset data) {
        double[][][] z = new double[data.size()][][];
        for (int i = 0; i < data.size(); i++) {
            z[i] = net.preActivations(theta, data.x()[i]);
        }
        return z;
    }

    private static void accumulate(Network net, double[] theta, double[] x, double[] y, double[][] z,
                                   double[] v, double scale, double[] out) {
        int[] d = net.widths();
        int layers = net.layers();
        TwoPieceActivation h = net.activation();
        double[][] a = new double[layers][];
        double[][] ra = new double[layers][];
        a[0] = x;
        ra[0] = new double[d[0]];
        double[] rz = null;
        for (int j = 0; j < layers; j++) {
            int din = d[j];
            int dout = d[j + 1];
            rz = new double[dout];
            for (int r = 0; r < dout; r++) {
                double s = v[net.biasIndex(j, r)];
                int row = net.weightIndex(j, r, 0);
                for (int c = 0; c < din; c++) {
                    s += v[row + c] * a[j][c] + theta[row + c] * ra[j][c];
                }
                rz[r] = s;
            }
            if (j < layers - 1) {
                a[j + 1] = net.activate(z[j]);
                ra[j + 1] = new double[dout];
                for (int r = 0; r < dout; r++) {
                    ra[j + 1][r] = h.slope(z[j][r]) * rz[r];
                }
            }
        }
        double[] f = z[layers - 1];
        double[] delta = new double[f.length];
        double[] rdelta = new double[f.length];
        net.loss().gradient(f, y, scale, delta);
        net.loss().hessianVector(f, y, rz, scale, rdelta);
        for (int j = layers - 1; j >= 0; j--) {
            int din = d[j];
            for (int r = 0; r < delta.length; r++) {
                out[net.biasIndex(j, r)] += rdelta[r];
                int row = net.weightIndex(j, r, 0);
                for (int c = 0; c < din; c++) {
                    out[row + c] += rdelta[r] * a[j][c] + delta[r] * ra[j][c];
                }
            }
            if (j > 0) {
                double[] prev = new double[din];
                double[] rprev = new double[din];
                for (int r = 0; r < delta.length; r++) {
                    int row = net.weightIndex(j, r, 0);
                    for (int c = 0; c < din; c++) {
                        prev[c] += theta[row + c] * delta[r];
                        rprev[c] += v[row + c] * delta[r] + theta[row + c] * rdelta[r];
                    }
                }
                for (int c = 0; c < din; c++) {
                    double s = h.slope(z[j - 1][c]);
                    prev[c] *= s;
                    rprev[c] *= s;
                }
                delta = prev;
                rdelta = rprev;
            }
        }
    }
}
