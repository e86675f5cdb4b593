package org.losslab.cells;

/**
 * Residual vector r with R̂ = ‖r‖² (squared loss) and its Jacobian ∂r/∂θ: the least-squares view of a
 * {@link Network}'s risk that Levenberg–Marquardt ({@link Descent}) works on.
 */
public record Residuals(double[] r, double[][] jacobian) {

    public double risk() {
        return Vectors.dot(r, r);
    }

    /**
     * Squared loss as least squares: residuals r = (f(x_i) − y_i)/√n stacked over points and outputs,
     * so R̂ = ‖r‖², with their Jacobian ∂r/∂θ (rows by backprop of a unit output error), for
     * Levenberg–Marquardt in {@link Descent}.
     */
    public static Residuals of(Network net, double[] theta, Dataset data) {
        net.checkShapes(theta, data);
        if (net.loss() != Loss.SQUARED) {
            throw new IllegalArgumentException("cells network: residuals need the squared loss, got " + net.loss());
        }
        int dy = net.widths()[net.layers()];
        double root = Math.sqrt(data.size());
        double[] r = new double[data.size() * dy];
        double[][] jac = new double[r.length][];
        for (int i = 0; i < data.size(); i++) {
            double[] x = data.x()[i];
            double[][] z = net.preActivations(theta, x);
            for (int k = 0; k < dy; k++) {
                r[i * dy + k] = (z[net.layers() - 1][k] - data.y()[i][k]) / root;
                double[] delta = new double[dy];
                delta[k] = 1 / root;
                double[] row = new double[net.parameterCount()];
                net.backprop(theta, x, z, delta, row);
                jac[i * dy + k] = row;
            }
        }
        return new Residuals(r, jac);
    }
}
