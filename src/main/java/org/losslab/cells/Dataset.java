package org.losslab.cells;


/**
 * A training set S = {(x_i, y_i)} (science.md §D.2) held as plain double arrays, either generated
 * here ({@link Datasets}) or supplied by a caller (e.g. a two-class MNIST subset with y as one
 * column of ±1 or as two one-hot columns). Construction validates shapes and finiteness and
 * defensively copies, so a certificate can never see data change under it.
 */
public record Dataset(String name, double[][] x, double[][] y) {

    public Dataset {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("dataset: name must be non-empty");
        }
        if (x == null || y == null || x.length == 0) {
            throw new IllegalArgumentException("dataset " + name + ": x and y must be non-empty");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("dataset " + name + ": x has " + x.length + " rows but y has " + y.length);
        }
        x = copyRect(name, "x", x);
        y = copyRect(name, "y", y);
    }

    /** A supplied data set, e.g. the integrator's two-class MNIST subset. */
    public static Dataset of(String name, double[][] x, double[][] y) {
        return new Dataset(name, x, y);
    }

    public int size() {
        return x.length;
    }

    public int inputDim() {
        return x[0].length;
    }

    public int outputDim() {
        return y[0].length;
    }

    private static double[][] copyRect(String name, String what, double[][] a) {
        int d = a[0] == null ? 0 : a[0].length;
        if (d == 0) {
            throw new IllegalArgumentException("dataset " + name + ": " + what + " rows must have at least one column");
        }
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null || a[i].length != d) {
                throw new IllegalArgumentException("dataset " + name + ": " + what + " row " + i + " has a different width than row 0 (" + d + ")");
            }
            for (int k = 0; k < d; k++) {
                if (!Double.isFinite(a[i][k])) {
                    throw new IllegalArgumentException("dataset " + name + ": " + what + "[" + i + "][" + k + "] is not finite");
                }
            }
            c[i] = a[i].clone();
        }
        return c;
    }
}
