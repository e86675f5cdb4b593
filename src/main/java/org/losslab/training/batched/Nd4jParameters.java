package org.losslab.training.batched;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link ParameterSlices} for {@link Nd4jBlockBuffers}: one network's parameters between DL4J's
 * flattened layout (per layer the weights column-major {@code [in × out]}, then the biases; what
 * checkpoints hold) and its slices of the block arrays, through {@code assign} and {@code dup}, so the
 * backend moves the bytes to and from the device.
 */
final class Nd4jParameters {

    private static final int C = Nd4jBlockBuffers.C;

    private final Nd4jBlockBuffers b;
    private final int paramCount;

    Nd4jParameters(Nd4jBlockBuffers buffers, int paramCount) {
        this.b = buffers;
        this.paramCount = paramCount;
    }

    void write(int i, float[] p) {
        int n = b.shape.width();
        int f = b.shape.features();
        int at = 0;
        put(w1(i, 0, f), p, at, 'f');
        at += f * n;
        put(w1(i, f, f + 1), p, at, 'c');
        at += n;
        for (int l = 1; l < b.shape.layers(); l++) {
            put(b.wHiddenNet[l][i], p, at, 'c');
            at += n * n;
            put(b.bHidden[l].get(all(), interval((long) i * n, (long) (i + 1) * n)), p, at, 'c');
            at += n;
        }
        put(b.w2Net[i], p, at, 'c');
        at += C * n;
        put(b.b2.get(interval(i, i + 1), all()), p, at, 'c');
    }

    float[] read(int i) {
        int n = b.shape.width();
        int f = b.shape.features();
        float[] p = new float[paramCount];
        int at = get(w1(i, 0, f), p, 0, 'f');
        at = get(w1(i, f, f + 1), p, at, 'c');
        for (int l = 1; l < b.shape.layers(); l++) {
            at = get(b.wHiddenNet[l][i], p, at, 'c');
            at = get(b.bHidden[l].get(all(), interval((long) i * n, (long) (i + 1) * n)), p, at, 'c');
        }
        at = get(b.w2Net[i], p, at, 'c');
        get(b.b2.get(interval(i, i + 1), all()), p, at, 'c');
        return p;
    }

    /** Rows {@code [from, to)} of network i's first-layer columns, a view of the base array. */
    private INDArray w1(int i, int from, int to) {
        int n = b.shape.width();
        return b.w1.get(interval(from, to), interval((long) i * n, (long) (i + 1) * n));
    }

    /** target := p[at ..] read in {@code order} with target's shape. */
    private static void put(INDArray target, float[] p, int at, char order) {
        float[] part = Arrays.copyOfRange(p, at, at + (int) target.length());
        try (INDArray src = Nd4j.create(part, target.shape(), order)) {
            target.assign(src);
        }
    }

    /** p[at ..] := source flattened in {@code order}; returns the next offset. */
    private static int get(INDArray source, float[] p, int at, char order) {
        try (INDArray copy = source.dup(order)) {
            float[] part = copy.data().asFloat();
            System.arraycopy(part, 0, p, at, (int) source.length());
            return at + (int) source.length();
        }
    }
}
