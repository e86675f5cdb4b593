package org.losslab.training.batched;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.losslab.training.PreparedData;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The arrays of {@link Nd4jBlockTrainer}: the layout of {@link BlockBuffers} (first layer of all
 * networks one {@code [(f+1) × K·n]} matrix, network i owning columns {@code [i·n, (i+1)·n)} of the
 * activation buffers, hidden and output weights stacked per network, logits packed per network), but
 * every array is an {@link INDArray} living wherever the backend keeps it (GPU memory on nd4j-cuda)
 * and is touched only through ND4J ops, never through host pointers. The data sets are copied to the
 * device once, with the constant-1 column and one-hot labels, so minibatches are gathered there
 * ({@code pullRows}) and evaluation reads row ranges without copying. {@link Nd4jMemory#bytes} mirrors
 * this allocation list.
 */
final class Nd4jBlockBuffers {

    static final int C = BatchedMemory.CLASSES;

    final BlockShape shape;
    final INDArray trainX;
    final INDArray trainY;
    final INDArray testX;
    final INDArray testY;
    final INDArray xShared;
    final INDArray yShared;
    final INDArray xNet;
    final INDArray yNet;
    final INDArray w1;
    final INDArray[] wHidden;
    final INDArray[] bHidden;
    final INDArray w2;
    final INDArray b2;
    final INDArray[] acts;
    final INDArray grad;
    final INDArray logits;
    final INDArray ones;
    final INDArray lossColumn;
    final INDArray activeMask;

    /** Per-network views of the weights: first layer column blocks, hidden and output row blocks. */
    final INDArray[] w1Net;
    final INDArray[][] wHiddenNet;
    final INDArray[] w2Net;

    private final Map<Integer, Nd4jViews> views = new HashMap<>();

    Nd4jBlockBuffers(BlockShape s, PreparedData data) {
        this.shape = s;
        int k = s.k();
        int n = s.width();
        int rows = s.rows();
        int f1 = s.f1();
        int kn = s.kn();
        trainX = withOnesColumn(data.trainX(), data.trainCount(), s.features());
        trainY = oneHot(data.trainY());
        testX = withOnesColumn(data.testX(), data.testCount(), s.features());
        testY = oneHot(data.testY());
        xShared = Nd4j.create(DataType.FLOAT, rows, f1);
        yShared = Nd4j.create(DataType.FLOAT, rows, C);
        xNet = s.shared() ? null : Nd4j.create(DataType.FLOAT, (long) k * rows, f1);
        yNet = s.shared() ? null : Nd4j.create(DataType.FLOAT, (long) k * rows, C);
        w1 = Nd4j.create(DataType.FLOAT, f1, kn);
        wHidden = new INDArray[s.layers()];
        bHidden = new INDArray[s.layers()];
        wHiddenNet = new INDArray[s.layers()][];
        for (int l = 1; l < s.layers(); l++) {
            wHidden[l] = Nd4j.create(DataType.FLOAT, (long) k * n, n);
            bHidden[l] = Nd4j.create(DataType.FLOAT, 1, kn);
            wHiddenNet[l] = rowBlocks(wHidden[l], k, n);
        }
        w2 = Nd4j.create(DataType.FLOAT, (long) k * C, n);
        b2 = Nd4j.create(DataType.FLOAT, k, C);
        acts = new INDArray[s.layers()];
        for (int l = 0; l < s.layers(); l++) {
            acts[l] = Nd4j.create(DataType.FLOAT, rows, kn);
        }
        grad = Nd4j.create(DataType.FLOAT, rows, kn);
        logits = Nd4j.create(DataType.FLOAT, (long) k * rows, C);
        ones = Nd4j.ones(DataType.FLOAT, 1, rows);
        lossColumn = Nd4j.create(DataType.FLOAT, k, 1);
        activeMask = Nd4j.ones(DataType.FLOAT, k, 1);
        w1Net = new INDArray[k];
        for (int i = 0; i < k; i++) {
            w1Net[i] = w1.get(all(), interval((long) i * n, (long) (i + 1) * n));
        }
        w2Net = rowBlocks(w2, k, C);
    }

    /** Views for r rows (the batch, the last partial batch, an evaluation chunk); cached, a run sees few r. */
    Nd4jViews views(int r) {
        return views.computeIfAbsent(r, rr -> new Nd4jViews(this, rr));
    }

    long[] allocatedBytes() {
        long off = 0;
        for (INDArray a : arrays()) {
            off += a.length() * 4L;
        }
        return new long[] {off, 0};
    }

    void close() {
        views.clear();
        for (INDArray a : arrays()) {
            if (a.closeable()) {
                a.close();
            }
        }
    }

    private List<INDArray> arrays() {
        List<INDArray> all = new ArrayList<>(List.of(trainX, trainY, testX, testY, xShared, yShared, w1, w2, b2, grad,
                logits, ones, lossColumn, activeMask));
        if (xNet != null) {
            all.add(xNet);
            all.add(yNet);
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

    static INDArray[] rowBlocks(INDArray a, int k, int rowsEach) {
        INDArray[] out = new INDArray[k];
        for (int i = 0; i < k; i++) {
            out[i] = a.get(interval((long) i * rowsEach, (long) (i + 1) * rowsEach), all());
        }
        return out;
    }

    /** {@code [count × (f+1)]}: the examples followed by the constant 1 that multiplies the bias row of W1. */
    private static INDArray withOnesColumn(float[] x, int count, int f) {
        INDArray out = Nd4j.create(DataType.FLOAT, count, f + 1);
        try (INDArray src = Nd4j.create(x, new long[] {count, f}, 'c')) {
            out.get(all(), interval(0, f)).assign(src);
        }
        out.get(all(), interval(f, f + 1)).assign(1f);
        return out;
    }

    private static INDArray oneHot(int[] labels) {
        float[] h = new float[labels.length * C];
        for (int i = 0; i < labels.length; i++) {
            h[i * C + labels[i]] = 1f;
        }
        return Nd4j.create(h, new long[] {labels.length, C}, 'c');
    }
}
