package org.losslab.training.batched;

/**
 * Moves one network's parameters between DL4J's flattened layout (what checkpoints and
 * {@code Dl4jRunTrainer} use: per layer the weights column-major {@code [in × out]}, then the biases)
 * and that network's slices of the block buffers. The first layer is transposed on the way, since the
 * block stores it row-major with the networks side by side.
 */
final class ParameterSlices {

    private static final int C = BatchedMemory.CLASSES;

    private final BlockBuffers b;
    private final int paramCount;

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
        int n = b.shape.width();
        int f = b.shape.features();
        int kn = b.shape.kn();
        float[] p = new float[paramCount];
        int at = 0;
        for (int in = 0; in < f; in++) {
            b.nW1.get(in * kn + i * n, b.rowBuffer, 0, n);
            for (int j = 0; j < n; j++) {
                p[in + j * f] = b.rowBuffer[j];
            }
        }
        at += f * n;
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
        return p;
    }
}
