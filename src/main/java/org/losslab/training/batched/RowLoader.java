package org.losslab.training.batched;

/**
 * Copies examples into the input buffers, each followed by the constant 1 that multiplies the first
 * layer's bias row. Gathering happens on the heap and reaches ND4J in one bulk copy per buffer.
 */
final class RowLoader {

    private final BlockBuffers b;

    RowLoader(BlockBuffers buffers) {
        this.b = buffers;
    }

    /** Rows {@code order[start..start+r)} (or {@code start..start+r} without order) into the shared input. */
    void loadShared(float[] x, int[] labels, int[] order, int start, int r) {
        int f = b.shape.features();
        int f1 = b.shape.f1();
        for (int row = 0; row < r; row++) {
            int idx = order == null ? start + row : order[start + row];
            System.arraycopy(x, idx * f, b.heapX, row * f1, f);
            b.heapX[row * f1 + f] = 1f;
            b.yShared[row] = labels[idx];
        }
        b.nXShared.put(0, b.heapX, 0, r * f1);
    }

    /** Rows {@code order[start..start+r)} into network i's heap input block; {@link #publishNetworkRows} copies them. */
    void loadNetwork(int i, float[] x, int[] labels, int[] order, int start, int r) {
        int f = b.shape.features();
        int f1 = b.shape.f1();
        int rows = b.shape.rows();
        int o = i * rows * f1;
        for (int row = 0; row < r; row++) {
            int idx = order[start + row];
            System.arraycopy(x, idx * f, b.heapX, o + row * f1, f);
            b.heapX[o + row * f1 + f] = 1f;
            b.yNet[i * rows + row] = labels[idx];
        }
    }

    /** All K per-network input blocks to the off-heap buffer. */
    void publishNetworkRows() {
        b.nXNet.put(0, b.heapX, 0, b.shape.k() * b.shape.rows() * b.shape.f1());
    }
}
