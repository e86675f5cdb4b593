package org.losslab.cells;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The best affine model (W*, b*) = argmin (1/n) Σ ‖W x_i + b − y_i‖² and its risk R̂_lin*
 * (science.md §D.3 assumption (i) and Stage 1). Closed-form least squares through the SVD
 * pseudo-inverse, so rank-deficient inputs (constant MNIST pixels) still give a minimiser, plus one
 * step of iterative refinement: the residual must be orthogonal to [x, 1] to ~1e−15 for the
 * Stage-1 gradient certificate (1e−8) to be meaningful.
 *
 * @param weights   W*, d_Y × d_X
 * @param bias      b*, d_Y
 * @param risk      R̂_lin*
 * @param residuals r_i = W* x_i + b* − y_i, n × d_Y
 */
public record AffineFit(double[][] weights, double[] bias, double risk, double[][] residuals) {

    public static AffineFit leastSquares(Dataset data) {
        int n = data.size();
        int dx = data.inputDim();
        int dy = data.outputDim();
        double[][] xt = new double[n][dx + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data.x()[i], 0, xt[i], 0, dx);
            xt[i][dx] = 1;
        }
        RealMatrix a = new Array2DRowRealMatrix(xt, false);
        RealMatrix y = new Array2DRowRealMatrix(data.y(), true);
        DecompositionSolver solver = new SingularValueDecomposition(a).getSolver();
        RealMatrix b = solver.solve(y);
        RealMatrix r = a.multiply(b).subtract(y);
        b = b.subtract(solver.solve(r));
        r = a.multiply(b).subtract(y);
        double[][] w = new double[dy][dx];
        double[] bias = new double[dy];
        for (int k = 0; k < dy; k++) {
            for (int c = 0; c < dx; c++) {
                w[k][c] = b.getEntry(c, k);
            }
            bias[k] = b.getEntry(dx, k);
        }
        double[][] res = r.getData();
        double s = 0;
        for (double[] row : res) {
            for (double v : row) {
                s += v * v;
            }
        }
        return new AffineFit(w, bias, s / n, res);
    }

    /** W* x + b*. */
    public double[] predict(double[] x) {
        double[] f = bias.clone();
        for (int k = 0; k < f.length; k++) {
            for (int c = 0; c < x.length; c++) {
                f[k] += weights[k][c] * x[c];
            }
        }
        return f;
    }
}
