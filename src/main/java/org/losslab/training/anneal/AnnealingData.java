package org.losslab.training.anneal;


/**
 * The annealing set of the trainer: rows x (n × features, row-major, as {@code PreparedData}) and labels 0–9, plus
 * each feature's non-zero entries as a column list (row indices ascending, values), so that a proposal on a
 * first-layer weight visits only the rows it changes (about half of the 10×10 MNIST pixels are 0). Immutable: one
 * instance can serve every restart of an experiment.
 */
public final class AnnealingData {

    static final int CLASSES = 10;

    private final float[] x;
    private final int[] y;
    private final int features;
    private final int[][] columnRows;
    private final double[][] columnValues;

    public AnnealingData(float[] x, int[] y, int features) {
        if (features < 1 || x.length != (long) y.length * features || y.length == 0) {
            throw new IllegalArgumentException("annealing data: " + x.length + " values do not make " + y.length
                    + " rows of " + features + " features");
        }
        for (int r = 0; r < y.length; r++) {
            if (y[r] < 0 || y[r] >= CLASSES) {
                throw new IllegalArgumentException("annealing data: label " + y[r] + " of row " + r + " is not in 0.." + (CLASSES - 1));
            }
        }
        this.x = x;
        this.y = y;
        this.features = features;
        int n = y.length;
        int[] nonZero = new int[features];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < features; i++) {
                if (x[r * features + i] != 0f) {
                    nonZero[i]++;
                }
            }
        }
        this.columnRows = new int[features][];
        this.columnValues = new double[features][];
        for (int i = 0; i < features; i++) {
            columnRows[i] = new int[nonZero[i]];
            columnValues[i] = new double[nonZero[i]];
        }
        int[] at = new int[features];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < features; i++) {
                float v = x[r * features + i];
                if (v != 0f) {
                    columnRows[i][at[i]] = r;
                    columnValues[i][at[i]++] = v;
                }
            }
        }
    }

    public int rows() {
        return y.length;
    }

    public int features() {
        return features;
    }

    float value(int row, int feature) {
        return x[row * features + feature];
    }

    int label(int row) {
        return y[row];
    }

    int[] columnRows(int feature) {
        return columnRows[feature];
    }

    double[] columnValues(int feature) {
        return columnValues[feature];
    }
}
