package org.losslab.training.batched;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.losslab.spec.TrainingSpec;
import org.losslab.training.Checkpoint;
import org.losslab.training.EpochOrder;
import org.losslab.training.EpochResult;
import org.losslab.training.FloatBytes;
import org.losslab.training.ParameterInit;
import org.losslab.training.PreparedData;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Trains K networks of one shape (features → width × hiddenLayers → 10, ReLU, softmax cross-entropy,
 * plain SGD) at once, one epoch per {@link #trainEpoch()} call. The training is the same as
 * {@link org.losslab.training.Dl4jRunTrainer}'s for each network: parameters from
 * {@link ParameterInit} with the run's seed, the epoch's permutation from {@link EpochOrder}, minibatches
 * of {@code batchSize} in that order (last partial batch included), gradients averaged over the
 * minibatch, {@code w -= lr_e · g}; after each epoch loss and error on the full training and test sets.
 * Only the floating-point summation order differs (agreement to about 1e-6 relative after a few epochs,
 * see the tests), and resuming from {@link #checkpoint} continues bit for bit.
 *
 * <h2>Layout: one large product for the first layer</h2>
 * The first layer of all K networks is one matrix {@code W1[(f+1) × K·n]} (row {@code f} holds the
 * biases, the inputs carry a constant 1 column), so with {@code data_order: shared} the forward pass
 * is one SGEMM {@code Z[B × K·n] = X[B × (f+1)] · W1} and the weight update another
 * ({@code W1 += −lr/B · Xᵀ·dZ}, bias gradient included). That is about 88 % of all floating-point work.
 * Network k owns columns {@code [k·n, (k+1)·n)} of every activation buffer, so its other layers are
 * small products on column blocks (leading dimension K·n): no permutes, no copies. Softmax, ReLU and
 * its derivative run as in-place ND4J ops over the whole block; the output biases and the
 * {@code p − y} step run on the Java heap.
 *
 * <h2>data_order: independent</h2>
 * Each network gathers its own minibatch ({@code X_k}, K of them in one buffer), and the first layer
 * becomes K products {@code X_k · W1[:, block k]} of size B × (f+1) × n instead of one: the same
 * arithmetic, but far less efficient for small n (a 100×101×25 product runs at a fraction of the
 * large one's speed) and the gather copies K·B·(f+1) floats per step. Prefer {@code shared} for
 * throughput; evaluation is shared in both modes.
 *
 * <h2>Divergence</h2>
 * Every operation keeps networks separate (products are per column block, reductions per column), so
 * a network whose parameters become non-finite cannot affect the others. After an epoch whose loss is
 * not finite, the network's {@link EpochResult} carries the non-finite loss; the network is then
 * frozen ({@link #checkpoint} keeps returning its state after that epoch), its working parameters are
 * zeroed and its output deltas forced to zero, and later epochs report {@code null} for it.
 *
 * <p>Not thread-safe. Results are bit-reproducible for the same ND4J/OpenBLAS build and thread count.
 */
public final class BatchedTrainer implements AutoCloseable {

    private static final int C = BatchedMemory.CLASSES;

    private final TrainingSpec spec;
    private final PreparedData data;
    private final long specSeed;
    private final int width;
    private final int[] restarts;
    private final int k;
    private final int f;
    private final int f1;
    private final int layers;
    private final int rows;
    private final int kn;
    private final boolean shared;
    private final int[] layerSizes;
    private final int paramCount;
    private final int batchesPerEpoch;

    // off-heap (ND4J) buffers
    private final INDArray xShared;
    private final INDArray xNet;
    private final INDArray w1;
    private final INDArray[] wHidden;
    private final INDArray[] bHidden;
    private final INDArray w2;
    private final INDArray[] acts;
    private final INDArray grad;
    private final INDArray logits;
    private final INDArray ones;
    private final FloatPointer pXShared;
    private final FloatPointer pXNet;
    private final FloatPointer pW1;
    private final FloatPointer[] pWHidden;
    private final FloatPointer[] pBHidden;
    private final FloatPointer pW2;
    private final FloatPointer[] pActs;
    private final FloatPointer pGrad;
    private final FloatPointer pLogits;
    private final FloatPointer pOnes;
    private final FloatBuffer nXShared;
    private final FloatBuffer nXNet;
    private final FloatBuffer nW1;
    private final FloatBuffer[] nWHidden;
    private final FloatBuffer[] nBHidden;
    private final FloatBuffer nW2;
    private final FloatBuffer nLogits;

    // heap
    private final float[] b2;
    private final float[] heapLogits;
    private final float[] heapX;
    private final int[] yShared;
    private final int[] yNet;
    private final float[] rowBuffer;

    private final int[] epochOf;
    private final boolean[] active;
    private final Checkpoint[] frozen;
    private final Map<Integer, Views> views = new LinkedHashMap<>();
    private final long[] nanos = new long[Phase.values().length];
    private boolean evaluating;
    private boolean closed;

    /** Phases of the work, for {@link #profileSeconds()}. */
    public enum Phase {
        GATHER, FIRST_LAYER_FORWARD, RELU, HIDDEN_LAYERS, OUTPUT_FORWARD, SOFTMAX_DELTA, OUTPUT_BACKWARD, RELU_BACKWARD,
        FIRST_LAYER_UPDATE, EVAL_FIRST_LAYER, EVAL_OTHER_LAYERS, EVAL_LOSS, EXPORT
    }

    /**
     * A block of restarts of one width, each initialized as {@code Dl4jRunTrainer} would initialize it
     * ({@code ParameterInit.seed(specSeed, width, restart)}), at epoch 0. Uses
     * {@link BatchedMemory#bytes} of memory; choose K = {@code restarts.length} with
     * {@link BatchedMemory#maxNetworksForThisJvm}.
     */
    public BatchedTrainer(TrainingSpec spec, PreparedData data, long specSeed, int width, int[] restarts) {
        if (restarts.length == 0) {
            throw new IllegalArgumentException("a block needs at least one restart");
        }
        this.spec = spec;
        this.data = data;
        this.specSeed = specSeed;
        this.width = width;
        this.restarts = restarts.clone();
        this.k = restarts.length;
        this.f = data.features();
        this.f1 = f + 1;
        this.layers = spec.hiddenLayers();
        this.rows = BatchedMemory.rows(spec.batchSize());
        this.shared = "shared".equals(spec.dataOrder());
        this.layerSizes = spec.layerSizes(f, width);
        this.paramCount = ParameterInit.parameterCount(layerSizes);
        this.batchesPerEpoch = (data.trainCount() + spec.batchSize() - 1) / spec.batchSize();
        long knLong = (long) k * width;
        if (knLong * Math.max(rows, f1) > Integer.MAX_VALUE || (long) k * rows * f1 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(k + " networks of width " + width + " exceed 2^31 elements per buffer;"
                    + " use smaller blocks");
        }
        this.kn = (int) knLong;

        xShared = Nd4j.create(DataType.FLOAT, rows, f1);
        xNet = shared ? null : Nd4j.create(DataType.FLOAT, (long) k * rows, f1);
        w1 = Nd4j.create(DataType.FLOAT, f1, kn);
        wHidden = new INDArray[layers];
        bHidden = new INDArray[layers];
        for (int l = 1; l < layers; l++) {
            wHidden[l] = Nd4j.create(DataType.FLOAT, (long) k * width, width);
            bHidden[l] = Nd4j.create(DataType.FLOAT, 1, kn);
        }
        w2 = Nd4j.create(DataType.FLOAT, (long) k * C, width);
        acts = new INDArray[layers];
        for (int l = 0; l < layers; l++) {
            acts[l] = Nd4j.create(DataType.FLOAT, rows, kn);
        }
        grad = Nd4j.create(DataType.FLOAT, rows, kn);
        logits = Nd4j.create(DataType.FLOAT, (long) k * rows, C);
        ones = Nd4j.ones(DataType.FLOAT, rows);

        pXShared = base(xShared);
        pXNet = shared ? null : base(xNet);
        pW1 = base(w1);
        pWHidden = new FloatPointer[layers];
        pBHidden = new FloatPointer[layers];
        nWHidden = new FloatBuffer[layers];
        nBHidden = new FloatBuffer[layers];
        for (int l = 1; l < layers; l++) {
            pWHidden[l] = base(wHidden[l]);
            pBHidden[l] = base(bHidden[l]);
            nWHidden[l] = nio(wHidden[l]);
            nBHidden[l] = nio(bHidden[l]);
        }
        pW2 = base(w2);
        pActs = new FloatPointer[layers];
        for (int l = 0; l < layers; l++) {
            pActs[l] = base(acts[l]);
        }
        pGrad = base(grad);
        pLogits = base(logits);
        pOnes = base(ones);
        nXShared = nio(xShared);
        nXNet = shared ? null : nio(xNet);
        nW1 = nio(w1);
        nW2 = nio(w2);
        nLogits = nio(logits);

        b2 = new float[k * C];
        heapLogits = new float[k * rows * C];
        heapX = new float[(shared ? 1 : k) * rows * f1];
        yShared = new int[rows];
        yNet = shared ? null : new int[k * rows];
        rowBuffer = new float[Math.max(width, f1)];
        epochOf = new int[k];
        active = new boolean[k];
        frozen = new Checkpoint[k];
        Arrays.fill(active, true);
        for (int i = 0; i < k; i++) {
            float[] init = ParameterInit.draw(layerSizes, spec.init(), spec.initScale(),
                    ParameterInit.seed(specSeed, width, restarts[i]));
            scatter(i, init);
        }
    }

    public int size() {
        return k;
    }

    public int width() {
        return width;
    }

    public int[] restarts() {
        return restarts.clone();
    }

    /** Completed epochs of the networks still training (they always agree). */
    public int epochsDone() {
        for (int i = 0; i < k; i++) {
            if (active[i]) {
                return epochOf[i];
            }
        }
        return Arrays.stream(epochOf).max().orElse(0);
    }

    public boolean isActive(int i) {
        return active[i];
    }

    /**
     * Stops training network {@code i} (a run already COMPLETED or DIVERGED): its state as it is now
     * stays available from {@link #checkpoint}, and {@link #trainEpoch} reports {@code null} for it.
     */
    public void deactivate(int i) {
        if (!active[i]) {
            return;
        }
        frozen[i] = checkpoint(i);
        active[i] = false;
        scatter(i, new float[paramCount]);
    }

    /**
     * Trains one epoch of every active network and evaluates it on the full training and test sets.
     * Entry i belongs to {@code restarts[i]}; it is {@code null} when network i is inactive. A result
     * with a non-finite loss marks the network DIVERGED: it is deactivated after this epoch.
     * {@link EpochResult#seconds()} is the block's wall time divided by the number of active networks,
     * so the results of one call sum to the epoch's time.
     */
    public List<EpochResult> trainEpoch() {
        ensureOpen();
        long t0 = System.nanoTime();
        int epoch = -1;
        int activeCount = 0;
        for (int i = 0; i < k; i++) {
            if (active[i]) {
                if (epoch >= 0 && epochOf[i] != epoch) {
                    throw new IllegalStateException("active networks of one block must be at the same epoch: restart "
                            + restarts[i] + " has " + epochOf[i] + " epochs, another " + epoch);
                }
                epoch = epochOf[i];
                activeCount++;
            }
        }
        List<EpochResult> out = new ArrayList<>(Arrays.asList(new EpochResult[k]));
        if (activeCount == 0) {
            return out;
        }
        double lr = spec.learningRate(epoch);
        int n = data.trainCount();
        int batch = spec.batchSize();
        int[] sharedOrder = null;
        int[][] orders = null;
        if (shared) {
            sharedOrder = EpochOrder.permutation(n, EpochOrder.seed(specSeed, true, width, restarts[0], epoch));
        } else {
            orders = new int[k][];
            for (int i = 0; i < k; i++) {
                orders[i] = active[i] ? EpochOrder.permutation(n, orderSeed(i, epoch)) : null;
            }
        }
        for (int start = 0; start < n; start += batch) {
            int r = Math.min(batch, n - start);
            long g = clock();
            if (shared) {
                loadRows(data.trainX(), data.trainY(), sharedOrder, start, r);
            } else {
                for (int i = 0; i < k; i++) {
                    if (orders[i] != null) {
                        loadNetworkRows(i, orders[i], start, r);
                    }
                }
                nXNet.put(0, heapX, 0, k * rows * f1);
            }
            nanos[Phase.GATHER.ordinal()] += clock() - g;
            step(r, (float) lr);
        }
        for (int i = 0; i < k; i++) {
            if (active[i]) {
                epochOf[i] = epoch + 1;
            }
        }
        double[][] train = evaluate(data.trainX(), data.trainY());
        double[][] test = evaluate(data.testX(), data.testY());
        double seconds = (System.nanoTime() - t0) / 1e9 / activeCount;
        for (int i = 0; i < k; i++) {
            if (!active[i]) {
                continue;
            }
            EpochResult res = new EpochResult(epoch + 1, lr, train[0][i], test[0][i], train[1][i], test[1][i], seconds);
            out.set(i, res);
            if (res.diverged()) {
                deactivate(i);
            }
        }
        return out;
    }

    /** Everything needed to continue network i bit-identically: the same record {@code Dl4jRunTrainer} writes. */
    public Checkpoint checkpoint(int i) {
        if (frozen[i] != null) {
            return frozen[i];
        }
        long t = clock();
        byte[] params = FloatBytes.encode(gather(i));
        nanos[Phase.EXPORT.ordinal()] += clock() - t;
        return new Checkpoint(epochOf[i], (long) epochOf[i] * batchesPerEpoch, params, null, orderSeed(i, epochOf[i]));
    }

    /** Checkpoints of all K networks, in block order. */
    public List<Checkpoint> checkpoints() {
        List<Checkpoint> all = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            all.add(checkpoint(i));
        }
        return all;
    }

    /** Parameters of network i as float32 bytes in DL4J's flattened layout (as {@code Dl4jRunTrainer#parameterBytes}). */
    public byte[] parameterBytes(int i) {
        return checkpoint(i).params();
    }

    /** Continues network i from a checkpoint of the same run (also of a {@code Dl4jRunTrainer}). */
    public void restore(int i, Checkpoint c) {
        long expected = orderSeed(i, c.epoch());
        if (c.nextOrderSeed() != expected) {
            throw new IllegalStateException("checkpoint of restart " + restarts[i] + " (width " + width
                    + ") continues data-order stream " + c.nextOrderSeed() + ", expected " + expected);
        }
        if (c.updaterState() != null && c.updaterState().length > 0) {
            throw new IllegalStateException("plain SGD has no updater state, but the checkpoint of restart "
                    + restarts[i] + " carries " + c.updaterState().length + " bytes");
        }
        float[] params = FloatBytes.decode(c.params());
        if (params.length != paramCount) {
            throw new IllegalStateException("checkpoint of restart " + restarts[i] + " has " + params.length
                    + " parameters, networks of width " + width + " have " + paramCount);
        }
        scatter(i, params);
        epochOf[i] = c.epoch();
        active[i] = true;
        frozen[i] = null;
    }

    /** Off-heap and heap bytes this trainer allocated: {@code [offHeap, heap]} (see {@link BatchedMemory}). */
    public long[] allocatedBytes() {
        long off = 0;
        for (INDArray a : allArrays()) {
            off += a.length() * 4L;
        }
        long heap = 4L * (b2.length + 2L * heapLogits.length + heapX.length + yShared.length
                + (yNet == null ? 0 : yNet.length) + rowBuffer.length);
        return new long[] {off, heap};
    }

    /**
     * CPU seconds of the calling thread per phase since construction or {@link #resetProfile()}. With one
     * OpenMP thread all work runs on the calling thread, so this is the work itself, unaffected by other
     * processes competing for the cores (wall time on a shared machine is not).
     */
    public Map<Phase, Double> profileSeconds() {
        Map<Phase, Double> m = new LinkedHashMap<>();
        for (Phase p : Phase.values()) {
            m.put(p, nanos[p.ordinal()] / 1e9);
        }
        return m;
    }

    public void resetProfile() {
        Arrays.fill(nanos, 0);
    }

    /** Frees the off-heap buffers now rather than at garbage collection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        views.clear();
        for (INDArray a : allArrays()) {
            if (a.closeable()) {
                a.close();
            }
        }
    }

    // ---------------------------------------------------------------- training step

    private void step(int r, float lr) {
        Views v = views(r);
        forward(r, v, !shared);
        long t = clock();
        Nd4j.exec(new SoftMax(v.logits, v.logits, 1));
        nLogits.get(0, heapLogits, 0, k * r * C);
        float rf = r;
        for (int i = 0; i < k; i++) {
            int base = i * r * C;
            if (!active[i]) {
                Arrays.fill(heapLogits, base, base + r * C, 0f);
                continue;
            }
            int[] y = shared ? yShared : yNet;
            int yOff = shared ? 0 : i * rows;
            for (int b = 0; b < r; b++) {
                heapLogits[base + b * C + y[yOff + b]] -= 1f;
            }
            for (int c = 0; c < C; c++) {
                float s = 0f;
                for (int b = 0; b < r; b++) {
                    s += heapLogits[base + b * C + c];
                }
                b2[i * C + c] -= (s / rf) * lr;
            }
        }
        nLogits.put(0, heapLogits, 0, k * r * C);
        nanos[Phase.SOFTMAX_DELTA.ordinal()] += clock() - t;

        float alpha = -(lr / rf);
        int top = layers - 1;
        t = clock();
        for (int i = 0; i < k; i++) {
            FloatPointer d = at(pLogits, (long) i * r * C);
            Sgemm.gemm(false, false, r, width, C, 1f, d, C, at(pW2, (long) i * C * width), width,
                    0f, at(pGrad, (long) i * width), kn);
            Sgemm.gemm(true, false, C, width, r, alpha, d, C, at(pActs[top], (long) i * width), kn,
                    1f, at(pW2, (long) i * C * width), width);
        }
        nanos[Phase.OUTPUT_BACKWARD.ordinal()] += clock() - t;
        reluBackward(v, top);
        for (int l = top; l >= 1; l--) {
            t = clock();
            long nn = (long) width * width;
            for (int i = 0; i < k; i++) {
                FloatPointer dz = at(pActs[l], (long) i * width);
                Sgemm.gemm(false, false, r, width, width, 1f, dz, kn, at(pWHidden[l], i * nn), width,
                        0f, at(pGrad, (long) i * width), kn);
                Sgemm.gemm(true, false, width, width, r, alpha, dz, kn, at(pActs[l - 1], (long) i * width), kn,
                        1f, at(pWHidden[l], i * nn), width);
            }
            Sgemm.gemvTransposed(r, kn, alpha, pActs[l], kn, pOnes, 1f, pBHidden[l]);
            nanos[Phase.HIDDEN_LAYERS.ordinal()] += clock() - t;
            reluBackward(v, l - 1);
        }
        t = clock();
        if (shared) {
            Sgemm.gemm(true, false, f1, kn, r, alpha, pXShared, f1, pActs[0], kn, 1f, pW1, kn);
        } else {
            for (int i = 0; i < k; i++) {
                Sgemm.gemm(true, false, f1, width, r, alpha, at(pXNet, (long) i * rows * f1), f1,
                        at(pActs[0], (long) i * width), kn, 1f, at(pW1, (long) i * width), kn);
            }
        }
        nanos[Phase.FIRST_LAYER_UPDATE.ordinal()] += clock() - t;
    }

    /**
     * acts[l] := grad ⊙ step(acts[l]): the delta of hidden layer l (acts[l] holds the ReLU output, positive
     * exactly where the pre-activation was). Two in-place legacy ops, 4× faster than the {@code relu_bp}
     * custom op on these sizes.
     */
    private void reluBackward(Views v, int l) {
        long t = clock();
        Nd4j.exec(new Step(v.acts[l], v.acts[l], 0.0));
        Nd4j.exec(new MulOp(v.acts[l], v.grad, v.acts[l]));
        nanos[Phase.RELU_BACKWARD.ordinal()] += clock() - t;
    }

    /** Logits of all networks for the r rows in the input buffer(s), into {@code logits[K·r × 10]}. */
    private void forward(int r, Views v, boolean perNetworkInput) {
        long t = clock();
        if (perNetworkInput) {
            for (int i = 0; i < k; i++) {
                Sgemm.gemm(false, false, r, width, f1, 1f, at(pXNet, (long) i * rows * f1), f1,
                        at(pW1, (long) i * width), kn, 0f, at(pActs[0], (long) i * width), kn);
            }
        } else {
            Sgemm.gemm(false, false, r, kn, f1, 1f, pXShared, f1, pW1, kn, 0f, pActs[0], kn);
        }
        long t1 = clock();
        nanos[(evaluating ? Phase.EVAL_FIRST_LAYER : Phase.FIRST_LAYER_FORWARD).ordinal()] += t1 - t;
        Nd4j.exec(new RectifiedLinear(v.acts[0], v.acts[0], 0.0));
        long t2 = clock();
        nanos[(evaluating ? Phase.EVAL_OTHER_LAYERS : Phase.RELU).ordinal()] += t2 - t1;
        for (int l = 1; l < layers; l++) {
            long nn = (long) width * width;
            for (int i = 0; i < k; i++) {
                Sgemm.gemm(false, true, r, width, width, 1f, at(pActs[l - 1], (long) i * width), kn,
                        at(pWHidden[l], i * nn), width, 0f, at(pActs[l], (long) i * width), kn);
            }
            v.acts[l].addiRowVector(bHidden[l]);
            Nd4j.exec(new RectifiedLinear(v.acts[l], v.acts[l], 0.0));
        }
        long t3 = clock();
        nanos[(evaluating ? Phase.EVAL_OTHER_LAYERS : Phase.HIDDEN_LAYERS).ordinal()] += t3 - t2;
        for (int i = 0; i < k; i++) {
            int base = i * r * C;
            for (int b = 0; b < r; b++) {
                System.arraycopy(b2, i * C, heapLogits, base + b * C, C);
            }
        }
        nLogits.put(0, heapLogits, 0, k * r * C);
        int top = layers - 1;
        for (int i = 0; i < k; i++) {
            Sgemm.gemm(false, true, r, C, width, 1f, at(pActs[top], (long) i * width), kn,
                    at(pW2, (long) i * C * width), width, 1f, at(pLogits, (long) i * r * C), C);
        }
        nanos[(evaluating ? Phase.EVAL_OTHER_LAYERS : Phase.OUTPUT_FORWARD).ordinal()] += clock() - t3;
    }

    // ---------------------------------------------------------------- evaluation

    /** Per network {mean loss, error} on a data set, as {@code LossEvaluator} computes them. */
    private double[][] evaluate(float[] x, int[] y) {
        evaluating = true;
        try {
            int n = y.length;
            double[] loss = new double[k];
            long[] wrong = new long[k];
            for (int start = 0; start < n; start += rows) {
                int r = Math.min(rows, n - start);
                long g = clock();
                loadRows(x, y, null, start, r);
                nanos[Phase.GATHER.ordinal()] += clock() - g;
                forward(r, views(r), false);
                long t = clock();
                Views v = views(r);
                nLogits.get(0, heapLogits, 0, k * r * C);
                for (int i = 0; i < k; i++) {
                    if (!active[i]) {
                        continue;
                    }
                    long bad = 0;
                    int base = i * r * C;
                    for (int b = 0; b < r; b++) {
                        int o = base + b * C;
                        int arg = 0;
                        for (int c = 1; c < C; c++) {
                            if (heapLogits[o + c] > heapLogits[o + arg]) {
                                arg = c;
                            }
                        }
                        if (arg != yShared[b]) {
                            bad++;
                        }
                    }
                    wrong[i] += bad;
                }
                Nd4j.exec(new LogSoftMax(v.logits, v.logits));
                nLogits.get(0, heapLogits, 0, k * r * C);
                for (int i = 0; i < k; i++) {
                    if (!active[i]) {
                        continue;
                    }
                    double sum = 0;
                    int base = i * r * C;
                    for (int b = 0; b < r; b++) {
                        sum -= heapLogits[base + b * C + yShared[b]];
                    }
                    loss[i] += sum;
                }
                nanos[Phase.EVAL_LOSS.ordinal()] += clock() - t;
            }
            double[][] out = new double[2][k];
            for (int i = 0; i < k; i++) {
                out[0][i] = active[i] ? loss[i] / n : Double.NaN;
                out[1][i] = active[i] ? (double) wrong[i] / n : Double.NaN;
            }
            return out;
        } finally {
            evaluating = false;
        }
    }

    // ---------------------------------------------------------------- data movement

    /** Rows {@code order[start..start+r)} (or {@code start..start+r} without order) with a trailing 1. */
    private void loadRows(float[] x, int[] labels, int[] order, int start, int r) {
        for (int b = 0; b < r; b++) {
            int idx = order == null ? start + b : order[start + b];
            System.arraycopy(x, idx * f, heapX, b * f1, f);
            heapX[b * f1 + f] = 1f;
            yShared[b] = labels[idx];
        }
        nXShared.put(0, heapX, 0, r * f1);
    }

    private void loadNetworkRows(int i, int[] order, int start, int r) {
        float[] x = data.trainX();
        int[] labels = data.trainY();
        int o = i * rows * f1;
        for (int b = 0; b < r; b++) {
            int idx = order[start + b];
            System.arraycopy(x, idx * f, heapX, o + b * f1, f);
            heapX[o + b * f1 + f] = 1f;
            yNet[i * rows + b] = labels[idx];
        }
    }

    /** Writes network i's parameters (DL4J flattened layout) into the block buffers. */
    private void scatter(int i, float[] p) {
        int n = width;
        int at = 0;
        for (int in = 0; in < f; in++) {
            for (int j = 0; j < n; j++) {
                rowBuffer[j] = p[in + j * f];
            }
            nW1.put(in * kn + i * n, rowBuffer, 0, n);
        }
        at += f * n;
        nW1.put(f * kn + i * n, p, at, n);
        at += n;
        for (int l = 1; l < layers; l++) {
            nWHidden[l].put(i * n * n, p, at, n * n);
            at += n * n;
            nBHidden[l].put(i * n, p, at, n);
            at += n;
        }
        nW2.put(i * C * n, p, at, C * n);
        at += C * n;
        System.arraycopy(p, at, b2, i * C, C);
    }

    /** Network i's parameters in DL4J's flattened layout. */
    private float[] gather(int i) {
        int n = width;
        float[] p = new float[paramCount];
        int at = 0;
        for (int in = 0; in < f; in++) {
            nW1.get(in * kn + i * n, rowBuffer, 0, n);
            for (int j = 0; j < n; j++) {
                p[in + j * f] = rowBuffer[j];
            }
        }
        at += f * n;
        nW1.get(f * kn + i * n, p, at, n);
        at += n;
        for (int l = 1; l < layers; l++) {
            nWHidden[l].get(i * n * n, p, at, n * n);
            at += n * n;
            nBHidden[l].get(i * n, p, at, n);
            at += n;
        }
        nW2.get(i * C * n, p, at, C * n);
        at += C * n;
        System.arraycopy(b2, i * C, p, at, C);
        return p;
    }

    private long orderSeed(int i, int epoch) {
        return EpochOrder.seed(specSeed, shared, width, restarts[i], epoch);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("trainer is closed");
        }
    }

    private List<INDArray> allArrays() {
        List<INDArray> all = new ArrayList<>(List.of(xShared, w1, w2, grad, logits, ones));
        if (xNet != null) {
            all.add(xNet);
        }
        for (int l = 0; l < layers; l++) {
            all.add(acts[l]);
            if (l > 0) {
                all.add(wHidden[l]);
                all.add(bHidden[l]);
            }
        }
        return all;
    }

    /** Views of the first r rows of the activation buffers (contiguous, so in-place ops see them). */
    private Views views(int r) {
        return views.computeIfAbsent(r, rr -> {
            INDArray[] a = new INDArray[layers];
            for (int l = 0; l < layers; l++) {
                a[l] = rr == rows ? acts[l] : acts[l].get(NDArrayIndex.interval(0, rr), NDArrayIndex.all());
            }
            INDArray g = rr == rows ? grad : grad.get(NDArrayIndex.interval(0, rr), NDArrayIndex.all());
            INDArray lg = rr == rows ? logits : logits.get(NDArrayIndex.interval(0, (long) k * rr), NDArrayIndex.all());
            return new Views(a, g, lg);
        });
    }

    private record Views(INDArray[] acts, INDArray grad, INDArray logits) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Thread CPU time in ns (falls back to wall time where the JVM cannot measure it). */
    static long clock() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static FloatPointer base(INDArray a) {
        return Sgemm.at(a, 0);
    }

    private static FloatPointer at(FloatPointer base, long offset) {
        return new FloatPointer(base).position(base.position() + offset);
    }

    private static FloatBuffer nio(INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
