package org.losslab.training.batched;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link HeapRelu}'s ReLU and ReLU-derivative loops with JDK 17's incubating Vector API, read from and written
 * to the off-heap activation buffers directly (C2 does not vectorise loops over a buffer, so the heap loops
 * copy every row to the heap and back); the same operations, so the same bits (VectorKernelsTest).
 */
final class VectorRelu {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int N = S.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final float HUGE = 0x1p127f;

    private final BlockShape shape;
    private final ByteBuffer[] acts;
    private final ByteBuffer grad;

    VectorRelu(BlockBuffers b) {
        this.shape = b.shape;
        this.acts = new ByteBuffer[shape.layers()];
        for (int l = 0; l < acts.length; l++) {
            acts[l] = b.acts[l].data().asNio().order(ORDER);
        }
        this.grad = b.grad == null ? null : b.grad.data().asNio().order(ORDER);
    }

    /** {@link HeapRelu#forward}. */
    void forward(int l, int c, int r) {
        int cols = shape.chunkSize(c) * shape.width();
        int base = (int) shape.chunkOffset(c);
        ByteBuffer a = acts[l];
        int upper = S.loopBound(cols);
        for (int row = 0; row < r; row++) {
            int o = base + row * cols;
            for (int j = 0; j < upper; j += N) {
                int at = 4 * (o + j);
                FloatVector.fromByteBuffer(S, a, at, ORDER).max(0f).intoByteBuffer(a, at, ORDER);
            }
            for (int j = upper; j < cols; j++) {
                int at = 4 * (o + j);
                a.putFloat(at, Math.max(a.getFloat(at), 0f));
            }
        }
    }

    /** {@link HeapRelu#backward}. */
    void backward(int l, int c, int r) {
        int cols = shape.chunkSize(c) * shape.width();
        int base = (int) shape.chunkOffset(c);
        ByteBuffer a = acts[l];
        ByteBuffer g = grad;
        int upper = S.loopBound(cols);
        for (int row = 0; row < r; row++) {
            int o = base + row * cols;
            for (int j = 0; j < upper; j += N) {
                int at = 4 * (o + j);
                FloatVector x = FloatVector.fromByteBuffer(S, a, at, ORDER);
                FloatVector.fromByteBuffer(S, g, at, ORDER).mul(x.mul(HUGE).mul(HUGE).min(1f)).intoByteBuffer(a, at,
                        ORDER);
            }
            for (int j = upper; j < cols; j++) {
                int at = 4 * (o + j);
                a.putFloat(at, g.getFloat(at) * Math.min(a.getFloat(at) * HUGE * HUGE, 1f));
            }
        }
    }
}
