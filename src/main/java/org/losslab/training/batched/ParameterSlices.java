package org.losslab.training.batched;

/**
 * Moves one network's parameters between DL4J's flattened layout (what checkpoints and
 * {@code Dl4jRunTrainer} use: per layer the weights column-major {@code [in × out]}, then the biases)
 * and that network's slices of the block buffers. The first layer is transposed on the way, since the
 * block stores it row-major with the networks side by side.
 */
final class ParameterSlices {

    private static final int C = BatchedMemory.CLASSES;
    /** Parameters of the networks {@link #readGroup} reads together: about 256 KiB, so they stay in cache. */
    private static final int GROUP_FLOATS = 65_536;

    private final BlockBuffers b;
    private final int paramCount;
    /** One first-layer row of a group, kept for the next {@link #readGroup}. */
    private float[] groupRow;

    ParameterSlices(BlockBuffers buffers, int paramCount) {
        this.b = buffers;
        this.paramCount = paramCount;
    }

    /** Writes network i's parameters into the block buffers. */
    void write(int i, float[] p) {
        int n = b.shape.width();
        int f = b.shape.features();
        int kn = b.shape.kn();
        int at = 0;
        for (int in = 0; in < f; in++) {
            for (int j = 0; j < n; j++) {
                b.rowBuffer[j] = p[in + j * f];
            }
            b.nW1.put(in * kn + i * n, b.rowBuffer, 0, n);
        }
        at += f * n;
        b.nW1.put(f * kn + i * n, p, at, n);
        at += n;
        for (int l = 1; l < b.shape.layers(); l++) {
            b.nWHidden[l].put(i * n * n, p, at, n * n);
            at += n * n;
            b.nBHidden[l].put(i * n, p, at, n);
            at += n;
        }
        b.nW2.put(i * C * n, p, at, C * n);
        at += C * n;
        System.arraycopy(p, at, b.b2, i * C, C);
    }

    /** Network i's parameters, a fresh array. */
    float[] read(int i) {
        float[][] one = {new float[paramCount]};
        readGroup(i, 1, one);
        return one[0];
    }

    /** Networks per {@link #readGroup}: their parameters take about 256 KiB, so they stay in cache. */
    int groupSize() {
        return Math.max(1, Math.min(b.shape.k(), GROUP_FLOATS / paramCount));
    }

    /**
     * {@code into[q] :=} the parameters of network {@code first + q}, for {@code q < count}, as {@link #read} gives
     * them (each of length {@code paramCount}; reused by the caller). The first-layer weights of one network are n
     * floats in each of f rows 4·K·n bytes apart, so reading network after network costs a cache and TLB miss per
     * row for a few floats (88 µs a network at n1 = 25, K = 1000: 2.6 % of an epoch); here each row is read once
     * for the group ({@link #groupSize} networks).
     */
    void readGroup(int first, int count, float[][] into) {
        int n = b.shape.width();
        int f = b.shape.features();
        int kn = b.shape.kn();
        float[] row = groupRow;
        if (row == null || row.length < count * n) {
            row = new float[count * n];
            groupRow = row;
        }
        for (int in = 0; in < f; in++) {
            b.nW1.get(in * kn + first * n, row, 0, count * n);
            for (int q = 0; q < count; q++) {
                float[] p = into[q];
                for (int j = 0; j < n; j++) {
                    p[in + j * f] = row[q * n + j];
                }
            }
        }
        for (int q = 0; q < count; q++) {
            readAfterFirstLayerWeights(first + q, into[q]);
        }
    }

    /** Network i's parameters after its first-layer weights: first-layer biases, hidden layers, output layer. */
    private void readAfterFirstLayerWeights(int i, float[] p) {
        int n = b.shape.width();
        int f = b.shape.features();
        int kn = b.shape.kn();
        int at = f * n;
        b.nW1.get(f * kn + i * n, p, at, n);
        at += n;
        for (int l = 1; l < b.shape.layers(); l++) {
            b.nWHidden[l].get(i * n * n, p, at, n * n);
            at += n * n;
            b.nBHidden[l].get(i * n, p, at, n);
            at += n;
        }
        b.nW2.get(i * C * n, p, at, C * n);
        at += C * n;
        System.arraycopy(b.b2, i * C, p, at, C);
    }
}
