package org.losslab.hessian;

import org.losslab.training.PreparedData;

/**
 * The training inputs of a run in double precision, off the heap where the BLAS reads them, with their
 * labels: the data set over which the training loss the trainers report is a mean (science.md §A.5.2).
 * The float inputs are converted exactly; nothing is rescaled.
 */
public final class TrainingSet implements AutoCloseable {

    private final DoubleBlock x;
    private final int[] labels;
    private final int features;

    private TrainingSet(DoubleBlock x, int[] labels, int features) {
        this.x = x;
        this.labels = labels;
        this.features = features;
    }

    /** The training rows of prepared data (its test rows are not part of the training loss). */
    public static TrainingSet of(PreparedData data) {
        return of(data.trainX(), data.trainY(), data.features());
    }

    /** Row-major inputs {@code [n × features]} and labels 0–9. */
    public static TrainingSet of(float[] inputs, int[] labels, int features) {
        if (labels.length == 0 || (long) labels.length * features != inputs.length) {
            throw new IllegalArgumentException(labels.length + " labels and " + inputs.length
                    + " input values do not form rows of " + features + " features");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= 10) {
                throw new IllegalArgumentException("label " + labels[i] + " of row " + i + " is not a digit 0-9");
            }
        }
        DoubleBlock x = new DoubleBlock(inputs.length);
        double[] row = new double[features];
        for (int i = 0; i < labels.length; i++) {
            for (int a = 0; a < features; a++) {
                row[a] = inputs[i * features + a];
            }
            x.copyFrom(row, 0, i * features, features);
        }
        return new TrainingSet(x, labels.clone(), features);
    }

    public int rows() {
        return labels.length;
    }

    public int features() {
        return features;
    }

    int label(int i) {
        return labels[i];
    }

    double input(int i, int a) {
        return x.get(i * features + a);
    }

    /** The inputs of row i into the first {@link #features()} entries of {@code out}. */
    void copyRow(int i, double[] out) {
        x.copyTo(i * features, out, 0, features);
    }

    /** Pointer to the first input of row i. */
    org.bytedeco.javacpp.DoublePointer row(int i) {
        return x.at((long) i * features);
    }

    @Override
    public void close() {
        x.close();
    }
}
