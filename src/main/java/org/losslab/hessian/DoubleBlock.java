package org.losslab.hessian;

import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;

/**
 * A zeroed off-heap array of doubles: what the BLAS reads and writes without copies (a Java
 * {@code double[]} handed to JavaCPP is copied in and out on every call), with a {@link DoubleBuffer}
 * view for the element-wise loops. Freed by {@link #close()}, not left to the garbage collector,
 * because the dense Hessian and the data are tens of megabytes each.
 */
final class DoubleBlock implements AutoCloseable {

    final DoublePointer pointer;
    final DoubleBuffer buffer;
    private final long length;

    DoubleBlock(long length) {
        if (length < 1 || length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("off-heap block of " + length + " doubles");
        }
        this.length = length;
        this.pointer = new DoublePointer(length);
        pointer.zero();
        this.buffer = pointer.asBuffer();
    }

    /** A copy of {@code values} off the heap. */
    static DoubleBlock of(double[] values) {
        DoubleBlock b = new DoubleBlock(values.length);
        b.pointer.put(values, 0, values.length);
        return b;
    }

    long length() {
        return length;
    }

    /** A pointer to element {@code offset} (a new pointer; this block must stay open while it is used). */
    DoublePointer at(long offset) {
        return new DoublePointer(pointer).position(offset);
    }

    double get(int i) {
        return buffer.get(i);
    }

    void set(int i, double v) {
        buffer.put(i, v);
    }

    void add(int i, double v) {
        buffer.put(i, buffer.get(i) + v);
    }

    void zero() {
        pointer.zero();
    }

    void copyFrom(double[] values, int from, int to, int count) {
        pointer.position(to).put(values, from, count);
        pointer.position(0);
    }

    void copyTo(int from, double[] values, int to, int count) {
        pointer.position(from).get(values, to, count);
        pointer.position(0);
    }

    @Override
    public void close() {
        pointer.close();
    }
}
