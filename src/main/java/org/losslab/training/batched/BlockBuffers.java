package org.losslab.training.batched;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * All memory of a block of K networks, allocated once in the constructor so that peak memory is known
 * in advance ({@link BatchedMemory#bytes} mirrors this list, checked by a test).
 *
 * <h2>Layout: one large product for the first layer</h2>
 * The first layer of all K networks is one matrix {@code W1[(f+1) × K·n]} (row {@code f} holds the
 * biases, the inputs carry a constant 1 column), so with {@code data_order: shared} the forward pass
 * is one SGEMM per chunk (row-major: 2,500 columns, {@link BlockShape#CHUNK_COLUMNS}) or group (feature-major,
 * {@link FusedForwardPass#group}) of networks and the weight update another ({@code W1 += −lr/B · Xᵀ·dZ}, bias
 * gradient included). That is about 88 % of all floating-point work. Hidden weights ({@code [K·n × n]}) and
 * output weights ({@code [K·10 × n]}) are stacked per network. The activations have one of two layouts
 * ({@link BlockShape#fusedOutput}):
 * <ul>
 * <li>row-major ({@code Z[B × K·n] = X·W1}): network k owns n columns of every activation buffer, inside the
 * block of its chunk (leading dimension the chunk's columns), and its other layers are small OpenBLAS products on
 * column blocks; the logits go through the off-heap logits buffer and, class-major, the heap
 * ({@link ClassMajorSoftmax});</li>
 * <li>feature-major for narrow networks ({@code Zᵀ[K·n × r] = W1ᵀ·Xᵀ}): network k owns one contiguous
 * {@code [n × lead(r)]} block ({@link BlockShape#networkOffset}), and its output layer runs as
 * {@link OutputLayer}'s fused kernels, which write the hidden delta over the top activations: no logits buffers,
 * and a gradient buffer only with more than one hidden layer.</li>
 * </ul>
 *
 * <p>Each off-heap array is reachable three ways: the {@link INDArray} that owns it, a {@code p…}
 * {@link FloatPointer} for {@link Sgemm}, and an {@code n…} {@link FloatBuffer} (or byte buffer) for bulk
 * copies and the Java kernels. Output biases, logits on the heap and the gathered inputs live on the heap.
 */
final class BlockBuffers {

    private static final int C = BatchedMemory.CLASSES;

    final BlockShape shape;

    final INDArray xShared;
    final INDArray xNet;
    final INDArray w1;
    final INDArray[] wHidden;
    final INDArray[] bHidden;
    final INDArray w2;
    final INDArray[] acts;
    final INDArray grad;
    /** The output products' logits, row-major per network (row-major layout only). */
    final INDArray logits;
    final INDArray ones;

    final FloatPointer pXShared;
    final FloatPointer pXNet;
    final FloatPointer pW1;
    final FloatPointer[] pWHidden;
    final FloatPointer[] pBHidden;
    final FloatPointer pW2;
    final FloatPointer[] pActs;
    final FloatPointer pGrad;
    final FloatPointer pLogits;
    final FloatPointer pOnes;

    final FloatBuffer nXShared;
    final FloatBuffer nXNet;
    final FloatBuffer nW1;
    final FloatBuffer[] nWHidden;
    final FloatBuffer[] nBHidden;
    final FloatBuffer nW2;
    final FloatBuffer nLogits;

    final float[] b2;
    final float[] heapX;
    final int[] yShared;
    final int[] yNet;
    final float[] rowBuffer;
    /** Row-major layout: logits class-major on the heap, and as the output product writes them. */
    final float[] heapLogits;
    final float[] heapRaw;
    final ClassMajorSoftmax.Rows softmaxRows;
    /** Feature-major layout: one network's output weights {@code [10 × n]}, the labels as floats, the kernels. */
    final float[] w2Net;
    final float[] labels;
    final OutputLayer output;

    private final Map<Long, Views> views = new LinkedHashMap<>();

    /**
     * The first r rows of one chunk's blocks of the row-major activation and gradient buffers ({@code [r × chunk
     * columns]}, contiguous, so in-place ops see them) and the chunk's columns of the hidden biases.
     */
    record Views(INDArray[] acts, INDArray grad, INDArray[] bHidden) {
    }

    BlockBuffers(BlockShape s) {
        this.shape = s;
        int k = s.k();
        int layers = s.layers();
        int rows = s.rows();
        int eval = s.evalRows();
        int lead = BlockShape.lead(eval);
        int f1 = s.f1();
        int kn = s.kn();
        xShared = Nd4j.create(DataType.FLOAT, eval, f1);
        xNet = s.shared() ? null : Nd4j.create(DataType.FLOAT, (long) k * rows, f1);
        w1 = Nd4j.create(DataType.FLOAT, f1, kn);
        wHidden = new INDArray[layers];
        bHidden = new INDArray[layers];
        for (int l = 1; l < layers; l++) {
            wHidden[l] = Nd4j.create(DataType.FLOAT, (long) k * s.width(), s.width());
            bHidden[l] = Nd4j.create(DataType.FLOAT, 1, kn);
        }
        w2 = Nd4j.create(DataType.FLOAT, (long) k * C, s.width());
        boolean fused = s.fusedOutput();
        int cc = s.chunkColumns();
        acts = new INDArray[layers];
        for (int l = 0; l < layers; l++) {
            acts[l] = fused ? Nd4j.create(DataType.FLOAT, cc, lead) : Nd4j.create(DataType.FLOAT, lead, cc);
        }
        grad = !fused || layers > 1 ? Nd4j.create(DataType.FLOAT, cc, lead) : null;
        logits = fused ? null : Nd4j.create(DataType.FLOAT, (long) k * eval, C);
        ones = Nd4j.ones(DataType.FLOAT, lead);

        pXShared = Sgemm.at(xShared, 0);
        pXNet = s.shared() ? null : Sgemm.at(xNet, 0);
        pW1 = Sgemm.at(w1, 0);
        pWHidden = new FloatPointer[layers];
        pBHidden = new FloatPointer[layers];
        nWHidden = new FloatBuffer[layers];
        nBHidden = new FloatBuffer[layers];
        for (int l = 1; l < layers; l++) {
            pWHidden[l] = Sgemm.at(wHidden[l], 0);
            pBHidden[l] = Sgemm.at(bHidden[l], 0);
            nWHidden[l] = nio(wHidden[l]);
            nBHidden[l] = nio(bHidden[l]);
        }
        pW2 = Sgemm.at(w2, 0);
        pActs = new FloatPointer[layers];
        for (int l = 0; l < layers; l++) {
            pActs[l] = Sgemm.at(acts[l], 0);
        }
        pGrad = grad == null ? null : Sgemm.at(grad, 0);
        pLogits = logits == null ? null : Sgemm.at(logits, 0);
        pOnes = Sgemm.at(ones, 0);
        nXShared = nio(xShared);
        nXNet = s.shared() ? null : nio(xNet);
        nW1 = nio(w1);
        nW2 = nio(w2);
        nLogits = logits == null ? null : nio(logits);

        b2 = new float[k * C];
        heapX = new float[Math.max(eval, s.shared() ? rows : k * rows) * f1];
        yShared = new int[eval];
        yNet = s.shared() ? null : new int[k * rows];
        rowBuffer = new float[Math.max(s.width(), f1)];
        heapLogits = fused ? null : new float[k * eval * C];
        heapRaw = fused ? null : new float[k * eval * C];
        softmaxRows = fused ? null : ClassMajorSoftmax.Rows.of(eval);
        w2Net = fused ? new float[C * s.width()] : null;
        labels = fused ? new float[lead] : null;
        output = fused ? OutputLayer.of(bytes(acts[layers - 1]), s.width(), eval) : null;
    }

    /**
     * Row-major layout: views of the first r rows of chunk c ({@link BlockShape#chunkOffset}). Cached: a run sees at
     * most five r.
     */
    Views views(int r, int c) {
        return views.computeIfAbsent(((long) r << 32) | c, key -> {
            long cols = (long) shape.chunkSize(c) * shape.width();
            long first = (long) shape.chunkFirst(c) * shape.width();
            long[] dims = {r, cols};
            long[] strides = {cols, 1};
            INDArray[] a = new INDArray[shape.layers()];
            INDArray[] bias = new INDArray[shape.layers()];
            for (int l = 0; l < shape.layers(); l++) {
                a[l] = Nd4j.create(acts[l].data(), dims, strides, shape.chunkOffset(c), 1, 'c');
                if (l > 0) {
                    bias[l] = bHidden[l].get(NDArrayIndex.all(), NDArrayIndex.interval(first, first + cols));
                }
            }
            return new Views(a, Nd4j.create(grad.data(), dims, strides, shape.chunkOffset(c), 1, 'c'), bias);
        });
    }

    /** Feature-major layout: {@link #labels} := the r labels {@code y[from..]} as floats. */
    void setLabels(int[] y, int from, int r) {
        for (int j = 0; j < r; j++) {
            labels[j] = y[from + j];
        }
    }

    /** The off-heap buffer of an array as bytes in native order, for the Java kernels. */
    static ByteBuffer bytes(INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder());
    }

    /** {@code [offHeap, heap]} bytes allocated here (see {@link BatchedMemory}). */
    long[] allocatedBytes() {
        long off = 0;
        for (INDArray a : offHeapArrays()) {
            off += a.length() * 4L;
        }
        long heap = 4L * (b2.length + heapX.length + yShared.length + (yNet == null ? 0 : yNet.length)
                + rowBuffer.length + HeapRelu.floats(shape) + (shape.fusedOutput()
                ? w2Net.length + labels.length + OutputLayer.floats(shape.evalRows())
                : 2L * heapLogits.length + ClassMajorSoftmax.Rows.floats(shape.evalRows())));
        return new long[] {off, heap};
    }

    /** Frees the off-heap arrays now rather than at garbage collection. */
    void close() {
        views.clear();
        for (INDArray a : offHeapArrays()) {
            if (a.closeable()) {
                a.close();
            }
        }
    }

    private List<INDArray> offHeapArrays() {
        List<INDArray> all = new ArrayList<>(List.of(xShared, w1, w2, ones));
        if (grad != null) {
            all.add(grad);
        }
        if (logits != null) {
            all.add(logits);
        }
        if (xNet != null) {
            all.add(xNet);
        }
        for (int l = 0; l < shape.layers(); l++) {
            all.add(acts[l]);
            if (l > 0) {
                all.add(wHidden[l]);
                all.add(bHidden[l]);
            }
        }
        return all;
    }

    private static FloatBuffer nio(INDArray a) {
        return bytes(a).asFloatBuffer();
    }
}
