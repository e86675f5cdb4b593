package org.losslab.training.batched;

import static org.losslab.training.batched.CephesFloat.exp;
import static org.losslab.training.batched.CephesFloat.log;

import java.nio.ByteBuffer;

/**
 * {@link OutputLayer} as plain loops, one example at a time: the reference whose bits the Vector API kernels
 * reproduce ({@code OutputLayerTest}), and what runs where they cannot.
 */
final class ScalarOutputLayer extends OutputLayer {

    private final float[] z = new float[C];
    /** Partial sums per class and lane of one hidden unit's weight gradient (or of the bias gradient). */
    private final float[] acc = new float[C * LANES];

    ScalarOutputLayer(ByteBuffer acts, int width, int maxRows) {
        super(acts, width, maxRows);
    }

    @Override
    void train(int at, int r, float[] w, float[] b, int bOff, float[] labels, float alpha, float lr) {
        softmaxDelta(at, r, w, b, bOff, labels);
        gradients(at, r, width, w, b, bOff, alpha, lr);
    }

    /** {@link #delta} := softmax − onehot of the logits from the top block. */
    private void softmaxDelta(int at, int r, float[] w, float[] b, int bOff, float[] labels) {
        int ld = BlockShape.lead(r);
        for (int row = 0; row < ld; row++) {
            if (row >= r) {
                for (int c = 0; c < C; c++) {
                    delta[c * ld + row] = 0f;
                }
                continue;
            }
            float m = logits(at, row, ld, w, b, bOff);
            float s = 0f;
            for (int c = 0; c < C; c++) {
                z[c] = exp(z[c] - m);
                s += z[c];
            }
            float inv = 1f / s;
            for (int c = 0; c < C; c++) {
                delta[c * ld + row] = z[c] * inv;
            }
            delta[(int) labels[row] * ld + row] -= 1f;
        }
    }

    /** The output biases' update and, for the first {@code units} hidden units, the weights' and the hidden delta. */
    private void gradients(int at, int r, int units, float[] w, float[] b, int bOff, float alpha, float lr) {
        int n = width;
        int ld = BlockShape.lead(r);
        for (int j = -1; j < units; j++) { // j = −1: the bias gradient, a hidden unit that is 1 on every example
            java.util.Arrays.fill(acc, 0f);
            for (int row = 0; row < ld; row++) {
                int lane = row % LANES;
                int q = at + j * ld + row;
                float h = row >= r ? 0f : j < 0 ? 1f : Math.max(acts.getFloat(4 * q), 0f);
                for (int c = 0; c < C; c++) {
                    acc[c * LANES + lane] = Math.fma(delta[c * ld + row], h, acc[c * LANES + lane]);
                }
                if (j >= 0) {
                    float g = delta[row] * w[j];
                    for (int c = 1; c < C; c++) {
                        g = Math.fma(delta[c * ld + row], w[c * n + j], g);
                    }
                    acts.putFloat(4 * q, g * Math.min(h * HUGE * HUGE, 1f));
                }
            }
            for (int c = 0; c < C; c++) {
                classSums[c] = sum16(acc, c * LANES);
            }
            update(j, classSums, r, w, b, bOff, alpha, lr);
        }
    }

    @Override
    double score(int at, int r, float[] w, float[] b, int bOff, float[] labels, long[] wrong, int i) {
        int ld = BlockShape.lead(r);
        long bad = 0;
        for (int row = 0; row < r; row++) {
            float m = logits(at, row, ld, w, b, bOff);
            int first = C;
            for (int c = C - 1; c >= 0; c--) {
                if (z[c] == m) {
                    first = c;
                }
            }
            float s = 0f;
            for (int c = 0; c < C; c++) {
                s += exp(z[c] - m);
            }
            int y = (int) labels[row];
            loss[row] = log(s) - (z[y] - m);
            bad += first == y ? 0 : 1;
        }
        wrong[i] += bad;
        return rowLosses(r);
    }

    /** {@code z[c] := b_c + Σ_j w[c·n + j]·ReLU(top_j)} of one example, returning {@code max_c z[c]}. */
    private float logits(int at, int row, int ld, float[] w, float[] b, int bOff) {
        int n = width;
        java.util.Arrays.fill(z, 0f);
        for (int j = 0; j < n; j++) {
            float h = Math.max(acts.getFloat(4 * (at + j * ld + row)), 0f);
            for (int c = 0; c < C; c++) {
                z[c] = Math.fma(h, w[c * n + j], z[c]);
            }
        }
        float m = 0f;
        for (int c = 0; c < C; c++) {
            z[c] += b[bOff + c];
            m = c == 0 ? z[0] : Math.max(m, z[c]);
        }
        return m;
    }
}
