package org.losslab.training.batched;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * ReLU and its derivative on one chunk's block of an activation buffer: with the Vector API module
 * ({@link ClassMajorSoftmax#VECTOR}) as {@link VectorRelu}'s loops on the off-heap buffer itself (same bits,
 * faster: docs/performance.md, lever 13), otherwise as Java loops C2 vectorises, a
 * row at a time through heap scratch rows (bulk copies in and out; C2 in JDK 17 does not vectorise loops
 * over a {@link FloatBuffer}, nor over two arrays at different offsets, so both operands sit at index 0
 * of their own scratch row).
 */
final class HeapRelu {

    /** 2¹²⁷: twice applied, it takes the smallest positive float above 1. */
    private static final float HUGE = 0x1p127f;

    private final BlockShape shape;
    private final FloatBuffer[] acts;
    private final FloatBuffer grad;
    private final float[] rowA;
    private final float[] rowB;
    private final VectorRelu vec;

    HeapRelu(BlockBuffers b) {
        this.shape = b.shape;
        this.acts = new FloatBuffer[shape.layers()];
        for (int l = 0; l < acts.length; l++) {
            acts[l] = nio(b.acts[l]);
        }
        this.grad = b.grad == null ? null : nio(b.grad);
        int cols = shape.chunkSize(0) * shape.width();
        this.rowA = new float[cols];
        this.rowB = new float[cols];
        this.vec = ClassMajorSoftmax.VECTOR ? new VectorRelu(b) : null;
    }

    /**
     * acts[l] := max(acts[l], 0) on the first r rows of chunk c; the bits of ND4J's {@code RectifiedLinear}
     * but for −0, which becomes +0 (ND4J kept −0): no value changes, at most the sign of an exact zero downstream.
     */
    void forward(int l, int c, int r) {
        if (vec != null) {
            vec.forward(l, c, r);
        } else {
            heapForward(l, c, r);
        }
    }

    /** {@link #forward} through the heap scratch rows (the reference without the Vector API). */
    void heapForward(int l, int c, int r) {
        int cols = shape.chunkSize(c) * shape.width();
        int base = (int) shape.chunkOffset(c);
        FloatBuffer a = acts[l];
        float[] x = rowA;
        for (int row = 0; row < r; row++) {
            int o = base + row * cols;
            a.get(o, x, 0, cols);
            for (int j = 0; j < cols; j++) {
                x[j] = Math.max(x[j], 0f);
            }
            a.put(o, x, 0, cols);
        }
    }

    /**
     * acts[l] := grad ⊙ step(acts[l]) on the first r rows of chunk c (acts[l] holds the ReLU output, positive
     * exactly where the pre-activation was). The step is {@code min(a·2¹²⁷·2¹²⁷, 1)}, exactly 0 or 1 for
     * a ≥ 0, without a branch, so the product has the bits of ND4J's {@code Step} and {@code MulOp}.
     */
    void backward(int l, int c, int r) {
        if (vec != null) {
            vec.backward(l, c, r);
        } else {
            heapBackward(l, c, r);
        }
    }

    /** {@link #backward} through the heap scratch rows (the reference without the Vector API). */
    void heapBackward(int l, int c, int r) {
        int cols = shape.chunkSize(c) * shape.width();
        int base = (int) shape.chunkOffset(c);
        FloatBuffer a = acts[l];
        float[] x = rowA;
        float[] g = rowB;
        for (int row = 0; row < r; row++) {
            int o = base + row * cols;
            a.get(o, x, 0, cols);
            grad.get(o, g, 0, cols);
            for (int j = 0; j < cols; j++) {
                x[j] = g[j] * Math.min(x[j] * HUGE * HUGE, 1f);
            }
            a.put(o, x, 0, cols);
        }
    }

    /** Heap floats of the scratch rows. */
    static long floats(BlockShape s) {
        return 2L * s.chunkSize(0) * s.width();
    }

    private static FloatBuffer nio(org.nd4j.linalg.api.ndarray.INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
