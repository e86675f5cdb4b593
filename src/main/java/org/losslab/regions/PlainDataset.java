package org.losslab.regions;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Plain in-memory data: {@code features} is row-major n × dim (MNIST: dim 784, pixels in [0, 1]),
 * {@code labels} has n class indices, or is null for unlabelled inputs (e.g. Gaussian inputs).
 * Arrays are not copied; do not modify them while in use.
 */
public record PlainDataset(float[] features, int[] labels, int dim) {

    public PlainDataset {
        if (features == null) {
            throw new IllegalArgumentException("features: must be given");
        }
        if (dim < 1 || features.length % dim != 0) {
            throw new IllegalArgumentException("features: length " + features.length + " is not a multiple of dim " + dim);
        }
        if (labels != null && labels.length != features.length / dim) {
            throw new IllegalArgumentException("labels: " + labels.length + " labels for " + features.length / dim + " rows");
        }
    }

    /** Unlabelled rows. */
    public static PlainDataset unlabelled(float[] features, int dim) {
        return new PlainDataset(features, null, dim);
    }

    public int size() {
        return features.length / dim;
    }

    /** Rows [from, to) as an n × dim INDArray of the given type. */
    public INDArray rows(int from, int to, DataType type) {
        checkRange(from, to);
        float[] slice = new float[(to - from) * dim];
        System.arraycopy(features, from * dim, slice, 0, slice.length);
        return Nd4j.create(slice, new long[] {to - from, dim}, 'c').castTo(type);
    }

    /** Rows given by {@code index[from..to)} as an INDArray (for shuffled minibatches). */
    public INDArray rows(int[] index, int from, int to, DataType type) {
        float[] slice = new float[(to - from) * dim];
        for (int i = from; i < to; i++) {
            System.arraycopy(features, index[i] * dim, slice, (i - from) * dim, dim);
        }
        return Nd4j.create(slice, new long[] {to - from, dim}, 'c').castTo(type);
    }

    /** One-hot labels of rows {@code index[from..to)}. */
    public INDArray oneHot(int[] index, int from, int to, int classes, DataType type) {
        if (labels == null) {
            throw new IllegalArgumentException("labels: this dataset is unlabelled");
        }
        float[] hot = new float[(to - from) * classes];
        for (int i = from; i < to; i++) {
            int y = labels[index == null ? i : index[i]];
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("labels[" + i + "] = " + y + ": must be in 0.." + (classes - 1));
            }
            hot[(i - from) * classes + y] = 1f;
        }
        return Nd4j.create(hot, new long[] {to - from, classes}, 'c').castTo(type);
    }

    private void checkRange(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IllegalArgumentException("rows: range [" + from + ", " + to + ") outside 0.." + size());
        }
    }
}
