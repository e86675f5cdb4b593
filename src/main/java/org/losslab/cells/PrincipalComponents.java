package org.losslab.cells;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * Whitened principal components of a data set's inputs: x ↦ ((x − x̄)·e_c / √λ_c) for the k leading
 * eigenpairs of the sample covariance (Commons Math's symmetric eigendecomposition). The cells step
 * applies it to the two-class MNIST subset (science.md §D.5 item 2) because raw pixels make the
 * certificates ill-posed or ill-conditioned: with n ≤ d + 1 an affine model interpolates (no spurious
 * minimum exists to construct), and near-collinear pixels gave an in-cell optimum with ‖v‖ ≈ 3600 that
 * neither the convex program nor descent could pin down to 1e−6 (measured with 25 and 100 pixels).
 * Each component's sign is fixed so that its largest-magnitude loading is positive (deterministic).
 */
public final class PrincipalComponents {

    private PrincipalComponents() {
    }

    /** The data set with its inputs replaced by k whitened components; targets unchanged. */
    public static Dataset whiten(Dataset data, int k) {
        int n = data.size();
        int d = data.inputDim();
        if (k < 1 || k > d || k >= n) {
            throw new IllegalArgumentException("cells.mnist_components: must be between 1 and min(" + d + " features, "
                    + (n - 1) + " = points − 1), got " + k);
        }
        double[] mean = new double[d];
        for (double[] x : data.x()) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[j] / n;
            }
        }
        double[][] cov = new double[d][d];
        for (double[] x : data.x()) {
            for (int r = 0; r < d; r++) {
                double xr = x[r] - mean[r];
                for (int c = r; c < d; c++) {
                    cov[r][c] += xr * (x[c] - mean[c]) / (n - 1);
                }
            }
        }
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < r; c++) {
                cov[r][c] = cov[c][r];
            }
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
        double[] values = eig.getRealEigenvalues();
        Integer[] order = IntStream.range(0, d).boxed().sorted(Comparator.comparingDouble(i -> -values[i])).toArray(Integer[]::new);
        double[][] z = new double[n][k];
        for (int c = 0; c < k; c++) {
            double lambda = values[order[c]];
            if (!(lambda > 1e-12 * values[order[0]])) {
                throw new IllegalArgumentException("cells.mnist_components: component " + (c + 1) + " has variance " + lambda
                        + "; the subset spans fewer than " + k + " directions");
            }
            double[] e = oriented(eig.getEigenvector(order[c]));
            double scale = 1 / Math.sqrt(lambda);
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += (data.x()[i][j] - mean[j]) * e[j];
                }
                z[i][c] = s * scale;
            }
        }
        return Dataset.of(data.name() + "-pca" + k, z, Arrays.stream(data.y()).map(double[]::clone).toArray(double[][]::new));
    }

    private static double[] oriented(RealVector v) {
        double[] e = v.toArray();
        int big = 0;
        for (int j = 1; j < e.length; j++) {
            if (Math.abs(e[j]) > Math.abs(e[big])) {
                big = j;
            }
        }
        if (e[big] < 0) {
            for (int j = 0; j < e.length; j++) {
                e[j] = -e[j];
            }
        }
        return e;
    }
}
