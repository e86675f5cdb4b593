package org.losslab.training.batched;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Views of {@link Nd4jBlockBuffers} for r rows, made once per r: the first r rows of the activation
 * and input buffers, each network's column block of them, and the logits packed as the fast path packs
 * them (network i's r rows at row {@code i·r}) seen three ways: {@code [K·r × 10]} for softmax,
 * per-network {@code [r × 10]} blocks for the products, and {@code [K × r·10]} for per-network sums.
 */
final class Nd4jViews {

    final int r;
    final INDArray x;
    final INDArray y;
    final INDArray yFlat;
    final INDArray[] xNet;
    final INDArray[] yNet;
    final INDArray[] acts;
    final INDArray[][] actsNet;
    final INDArray grad;
    final INDArray[] gradNet;
    final INDArray logits;
    final INDArray[] logitsNet;
    final INDArray logitsFlat;
    final INDArray logits3;
    final INDArray ones;

    Nd4jViews(Nd4jBlockBuffers b, int r) {
        this.r = r;
        BlockShape s = b.shape;
        int k = s.k();
        int n = s.width();
        int rows = s.rows();
        int c = Nd4jBlockBuffers.C;
        x = firstRows(b.xShared, r);
        y = firstRows(b.yShared, r);
        yFlat = Nd4j.create(b.yShared.data(), new long[] {1, (long) r * c});
        xNet = new INDArray[s.shared() ? 0 : k];
        yNet = new INDArray[xNet.length];
        for (int i = 0; i < xNet.length; i++) {
            xNet[i] = b.xNet.get(interval((long) i * rows, (long) i * rows + r), all());
            yNet[i] = b.yNet.get(interval((long) i * rows, (long) i * rows + r), all());
        }
        acts = new INDArray[s.layers()];
        actsNet = new INDArray[s.layers()][];
        for (int l = 0; l < s.layers(); l++) {
            acts[l] = firstRows(b.acts[l], r);
            actsNet[l] = columnBlocks(b.acts[l], r, k, n);
        }
        grad = firstRows(b.grad, r);
        gradNet = columnBlocks(b.grad, r, k, n);
        logits = firstRows(b.logits, k * r);
        logitsNet = Nd4jBlockBuffers.rowBlocks(b.logits, k, r);
        logitsFlat = Nd4j.create(b.logits.data(), new long[] {k, (long) r * c});
        logits3 = Nd4j.create(b.logits.data(), new long[] {k, r, c});
        ones = b.ones.get(all(), interval(0, r));
    }

    private static INDArray firstRows(INDArray a, int r) {
        return r == a.rows() ? a : a.get(interval(0, r), all());
    }

    /** Network i's columns of the first r rows of a base array (never a view of a view: see {@link Nd4jGemm}). */
    private static INDArray[] columnBlocks(INDArray a, int r, int k, int n) {
        INDArray[] out = new INDArray[k];
        for (int i = 0; i < k; i++) {
            out[i] = a.get(interval(0, r), interval((long) i * n, (long) (i + 1) * n));
        }
        return out;
    }
}
