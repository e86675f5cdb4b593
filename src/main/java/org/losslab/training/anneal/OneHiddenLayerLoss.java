package org.losslab.training.anneal;

import static org.losslab.training.anneal.AnnealingData.CLASSES;

/**
 * The training loss of a one-hidden-layer ReLU network (the Choromanska MLP, science.md §A.5.2) as a function of one
 * parameter at a time: the hidden pre-activations z (column-major, z[j·n + r]), the logits and each row's
 * cross-entropy are cached, so the change of the summed loss when one parameter moves by δ costs O(rows it touches),
 * not a forward pass. Parameters are float32 in DL4J's flattened layout (W1 [f × h] column-major, b1, W2 [h × 10]
 * column-major, b2), exactly what {@code final_params} stores. Losses are log-sum-exp of double logits with
 * StrictMath, so the same parameters give the same bits on any JVM. {@link #rebuild()} recomputes every cache from
 * the parameters; incremental updates drift from it only by rounding.
 */
final class OneHiddenLayerLoss {

    private final AnnealingData data;
    private final int n;
    private final int f;
    private final int h;
    private final float[] params;
    private final int b1;
    private final int w2;
    private final int b2;
    private final double[] z;
    private final double[] logits;
    private final double[] loss;
    private double lossSum;
    // the pending proposal
    private int pendingParam = -1;
    private float pendingValue;
    private int pendingCount;
    private final int[] pendingRows;
    private final double[] pendingZ;
    private final double[] pendingDelta;
    private final double[] pendingLoss;
    private final double[] scratch = new double[CLASSES];

    OneHiddenLayerLoss(AnnealingData data, int hidden, float[] params) {
        this.data = data;
        this.n = data.rows();
        this.f = data.features();
        this.h = hidden;
        this.params = params.clone();
        this.b1 = f * h;            // offsets of b1, W2 and b2 in DL4J's flattened layout
        this.w2 = b1 + h;
        this.b2 = w2 + h * CLASSES;
        this.z = new double[Math.multiplyExact(n, h)];
        this.logits = new double[Math.multiplyExact(n, CLASSES)];
        this.loss = new double[n];
        this.pendingRows = new int[n];
        this.pendingZ = new double[n];
        this.pendingDelta = new double[n];
        this.pendingLoss = new double[n];
        rebuild();
    }

    static int parameterCount(int features, int hidden) {
        return features * hidden + hidden + hidden * CLASSES + CLASSES;
    }

    /** Recomputes z, logits and row losses from the parameters. */
    void rebuild() {
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < h; j++) {
                double acc = params[b1 + j];
                for (int i = 0; i < f; i++) {
                    acc += (double) data.value(r, i) * params[i + j * f];
                }
                z[j * n + r] = acc;
            }
        }
        lossSum = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < CLASSES; c++) {
                double acc = params[b2 + c];
                for (int j = 0; j < h; j++) {
                    acc += Math.max(z[j * n + r], 0.0) * params[w2 + j + c * h];
                }
                logits[r * CLASSES + c] = acc;
            }
            loss[r] = crossEntropy(logits, r * CLASSES, data.label(r));
            lossSum += loss[r];
        }
        pendingParam = -1;
    }

    /** Replaces all parameters (same count) and rebuilds the caches. */
    void restore(float[] values) {
        System.arraycopy(values, 0, params, 0, params.length);
        rebuild();
    }

    /** Mean loss over the rows (from the caches). */
    double meanLoss() {
        return lossSum / n;
    }

    float[] parameters() {
        return params.clone();
    }

    int parameterCount() {
        return params.length;
    }

    float parameter(int m) {
        return params[m];
    }

    /**
     * Change of the summed loss if parameter m took {@code value}; remembered until {@link #commit()} or the next
     * proposal. {@code value − parameter(m)} is exact in double.
     */
    double propose(int m, float value) {
        pendingParam = m;
        pendingValue = value;
        pendingCount = 0;
        double delta = (double) value - params[m];
        if (delta == 0) {
            return 0;
        }
        if (m < b2 && m >= w2) {
            int j = (m - w2) % h;
            int c = (m - w2) / h;
            return outputChange(j, c, delta);
        }
        if (m >= b2) {
            return outputChange(-1, m - b2, delta);
        }
        return m < b1 ? hiddenChange(m / f, data.columnRows(m % f), data.columnValues(m % f), delta)
                : hiddenChange(m - b1, null, null, delta);
    }

    /** Unit j's pre-activation moves by δ·x_i on the rows of column i (rows == null: by δ on every row). */
    private double hiddenChange(int j, int[] rows, double[] values, double delta) {
        int count = rows == null ? n : rows.length;
        double change = 0;
        for (int k = 0; k < count; k++) {
            int r = rows == null ? k : rows[k];
            double old = z[j * n + r];
            double moved = old + delta * (rows == null ? 1.0 : values[k]);
            double da = Math.max(moved, 0.0) - Math.max(old, 0.0);
            pendingRows[pendingCount] = r;
            pendingZ[pendingCount] = moved;
            pendingDelta[pendingCount] = da;
            double l = da == 0 ? loss[r] : shiftedCrossEntropy(r, j, da);
            pendingLoss[pendingCount++] = l;
            change += l - loss[r];
        }
        return change;
    }

    /** Logit c moves by δ·a_j (j ≥ 0, rows with a_j &gt; 0) or by δ (j = −1, every row). */
    private double outputChange(int j, int c, double delta) {
        double change = 0;
        for (int r = 0; r < n; r++) {
            double a = j < 0 ? 1.0 : Math.max(z[j * n + r], 0.0);
            if (a == 0) {
                continue;
            }
            int o = r * CLASSES;
            double saved = logits[o + c];
            logits[o + c] = saved + delta * a;
            double l = crossEntropy(logits, o, data.label(r));
            logits[o + c] = saved;
            pendingRows[pendingCount] = r;
            pendingDelta[pendingCount] = delta * a;
            pendingLoss[pendingCount++] = l;
            change += l - loss[r];
        }
        return change;
    }

    /** Applies the pending proposal to the parameter and the caches. */
    void commit() {
        int m = pendingParam;
        if (m < 0) {
            throw new IllegalStateException("no pending proposal");
        }
        boolean hidden = m < w2;
        int j = m < b1 ? m / f : m - b1;
        int c = m >= b2 ? m - b2 : (m - w2) / h;
        for (int k = 0; k < pendingCount; k++) {
            int r = pendingRows[k];
            if (hidden) {
                z[j * n + r] = pendingZ[k];
                if (pendingDelta[k] != 0) {
                    for (int cc = 0; cc < CLASSES; cc++) {
                        logits[r * CLASSES + cc] += pendingDelta[k] * params[w2 + j + cc * h];
                    }
                }
            } else {
                logits[r * CLASSES + c] += pendingDelta[k];
            }
            lossSum += pendingLoss[k] - loss[r];
            loss[r] = pendingLoss[k];
        }
        params[m] = pendingValue;
        pendingParam = -1;
    }

    /** Row r's cross-entropy with its logits moved by da·W2[j, ·]. */
    private double shiftedCrossEntropy(int r, int j, double da) {
        int o = r * CLASSES;
        for (int c = 0; c < CLASSES; c++) {
            scratch[c] = logits[o + c] + da * params[w2 + j + c * h];
        }
        return crossEntropy(scratch, 0, data.label(r));
    }

    /** −log softmax(l[o..o+9])[label] by a max-shifted log-sum-exp. */
    static double crossEntropy(double[] l, int o, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CLASSES; c++) {
            max = Math.max(max, l[o + c]);
        }
        double sum = 0;
        for (int c = 0; c < CLASSES; c++) {
            sum += StrictMath.exp(l[o + c] - max);
        }
        return StrictMath.log(sum) + max - l[o + label];
    }
}
