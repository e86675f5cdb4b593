package org.losslab.training.batched;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The three per-network output-layer products over feature-major activations ({@code H[n × r]}, a network's
 * hidden unit j in row j, its r examples contiguous) with the Vector API, vectorised over rows: the measured
 * alternative of docs/performance.md lever 14 (throwaway, test scope; {@link OutputLayerSpeed} times them
 * against today's OpenBLAS calls). W2 is {@code [10 × n]} as in the trainer, logits and delta class-major
 * {@code [10 × r]}. A block of 16 rows keeps its ten class vectors in registers across the hidden units; a
 * row count that is not a multiple of the lanes ends with a block overlapping the one before (the products
 * that write their result recompute the overlap to equal values), the reduction ends with scalar rows.
 */
final class OutputLayerKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int N = S.length();

    private OutputLayerKernels() {
    }

    /** {@code z[c][rows] = Σ_j w[c][j]·h[j][rows]}: class-major logits (no bias), r ≥ 16. */
    static void forward(float[] h, int hb, float[] w, int wb, float[] z, int zb, int n, int r) {
        for (int blk = 0; blk < r; blk += N) {
            int o = Math.min(blk, r - N);
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector a4 = a0;
            FloatVector a5 = a0;
            FloatVector a6 = a0;
            FloatVector a7 = a0;
            FloatVector a8 = a0;
            FloatVector a9 = a0;
            for (int j = 0; j < n; j++) {
                FloatVector x = FloatVector.fromArray(S, h, hb + j * r + o);
                int c = wb + j;
                a0 = x.fma(FloatVector.broadcast(S, w[c]), a0);
                a1 = x.fma(FloatVector.broadcast(S, w[c + n]), a1);
                a2 = x.fma(FloatVector.broadcast(S, w[c + 2 * n]), a2);
                a3 = x.fma(FloatVector.broadcast(S, w[c + 3 * n]), a3);
                a4 = x.fma(FloatVector.broadcast(S, w[c + 4 * n]), a4);
                a5 = x.fma(FloatVector.broadcast(S, w[c + 5 * n]), a5);
                a6 = x.fma(FloatVector.broadcast(S, w[c + 6 * n]), a6);
                a7 = x.fma(FloatVector.broadcast(S, w[c + 7 * n]), a7);
                a8 = x.fma(FloatVector.broadcast(S, w[c + 8 * n]), a8);
                a9 = x.fma(FloatVector.broadcast(S, w[c + 9 * n]), a9);
            }
            int q = zb + o;
            a0.intoArray(z, q);
            a1.intoArray(z, q + r);
            a2.intoArray(z, q + 2 * r);
            a3.intoArray(z, q + 3 * r);
            a4.intoArray(z, q + 4 * r);
            a5.intoArray(z, q + 5 * r);
            a6.intoArray(z, q + 6 * r);
            a7.intoArray(z, q + 7 * r);
            a8.intoArray(z, q + 8 * r);
            a9.intoArray(z, q + 9 * r);
        }
    }

    /** {@code g[j][rows] = Σ_c w[c][j]·d[c][rows]}: the hidden gradient, feature-major, r ≥ 16. */
    static void gradient(float[] d, int db, float[] w, int wb, float[] g, int gb, int n, int r) {
        for (int blk = 0; blk < r; blk += N) {
            int o = db + Math.min(blk, r - N);
            FloatVector d0 = FloatVector.fromArray(S, d, o);
            FloatVector d1 = FloatVector.fromArray(S, d, o + r);
            FloatVector d2 = FloatVector.fromArray(S, d, o + 2 * r);
            FloatVector d3 = FloatVector.fromArray(S, d, o + 3 * r);
            FloatVector d4 = FloatVector.fromArray(S, d, o + 4 * r);
            FloatVector d5 = FloatVector.fromArray(S, d, o + 5 * r);
            FloatVector d6 = FloatVector.fromArray(S, d, o + 6 * r);
            FloatVector d7 = FloatVector.fromArray(S, d, o + 7 * r);
            FloatVector d8 = FloatVector.fromArray(S, d, o + 8 * r);
            FloatVector d9 = FloatVector.fromArray(S, d, o + 9 * r);
            int q = gb + Math.min(blk, r - N);
            for (int j = 0; j < n; j++) {
                int c = wb + j;
                FloatVector s = d0.mul(w[c]);
                s = d1.fma(FloatVector.broadcast(S, w[c + n]), s);
                s = d2.fma(FloatVector.broadcast(S, w[c + 2 * n]), s);
                s = d3.fma(FloatVector.broadcast(S, w[c + 3 * n]), s);
                s = d4.fma(FloatVector.broadcast(S, w[c + 4 * n]), s);
                s = d5.fma(FloatVector.broadcast(S, w[c + 5 * n]), s);
                s = d6.fma(FloatVector.broadcast(S, w[c + 6 * n]), s);
                s = d7.fma(FloatVector.broadcast(S, w[c + 7 * n]), s);
                s = d8.fma(FloatVector.broadcast(S, w[c + 8 * n]), s);
                s = d9.fma(FloatVector.broadcast(S, w[c + 9 * n]), s);
                s.intoArray(g, q + j * r);
            }
        }
    }

    /**
     * {@code w[c][j] += alpha · Σ_rows d[c][rows]·h[j][rows]}: the weight update in place, r ≥ 16, two hidden
     * units at a time (20 accumulators: each delta vector loaded once for both). The rows after the last full
     * block are a block overlapping the one before with its earlier lanes zeroed, and the ten class sums of a
     * hidden unit are summed together by a transposing tree instead of ten {@code reduceLanes}, which JDK 17
     * compiles on x86 as an ordered chain of scalar adds each (16 lanes assumed).
     */
    static void update(float[] d, int db, float[] h, int hb, float[] w, int wb, int n, int r, float alpha,
            float[] sums) {
        int upper = S.loopBound(r);
        VectorMask<Float> fresh = FloatVector.zero(S).addIndex(1).compare(VectorOperators.GE, (float) (upper - r + N));
        FloatVector zero = FloatVector.zero(S);
        for (int j = 0; j < n; j += 2) {
            int j2 = Math.min(j + 1, n - 1); // an odd last unit twice, its second sums not written
            FloatVector a0 = zero;
            FloatVector a1 = zero;
            FloatVector a2 = zero;
            FloatVector a3 = zero;
            FloatVector a4 = zero;
            FloatVector a5 = zero;
            FloatVector a6 = zero;
            FloatVector a7 = zero;
            FloatVector a8 = zero;
            FloatVector a9 = zero;
            FloatVector b0 = zero;
            FloatVector b1 = zero;
            FloatVector b2 = zero;
            FloatVector b3 = zero;
            FloatVector b4 = zero;
            FloatVector b5 = zero;
            FloatVector b6 = zero;
            FloatVector b7 = zero;
            FloatVector b8 = zero;
            FloatVector b9 = zero;
            int hj = hb + j * r;
            int hj2 = hb + j2 * r;
            for (int row = 0; row < r; row += N) {
                int from = Math.min(row, r - N);
                FloatVector x = FloatVector.fromArray(S, h, hj + from);
                FloatVector y = FloatVector.fromArray(S, h, hj2 + from);
                if (row != from) {
                    x = zero.blend(x, fresh);
                    y = zero.blend(y, fresh);
                }
                int o = db + from;
                FloatVector e;
                e = FloatVector.fromArray(S, d, o);
                a0 = e.fma(x, a0);
                b0 = e.fma(y, b0);
                e = FloatVector.fromArray(S, d, o + r);
                a1 = e.fma(x, a1);
                b1 = e.fma(y, b1);
                e = FloatVector.fromArray(S, d, o + 2 * r);
                a2 = e.fma(x, a2);
                b2 = e.fma(y, b2);
                e = FloatVector.fromArray(S, d, o + 3 * r);
                a3 = e.fma(x, a3);
                b3 = e.fma(y, b3);
                e = FloatVector.fromArray(S, d, o + 4 * r);
                a4 = e.fma(x, a4);
                b4 = e.fma(y, b4);
                e = FloatVector.fromArray(S, d, o + 5 * r);
                a5 = e.fma(x, a5);
                b5 = e.fma(y, b5);
                e = FloatVector.fromArray(S, d, o + 6 * r);
                a6 = e.fma(x, a6);
                b6 = e.fma(y, b6);
                e = FloatVector.fromArray(S, d, o + 7 * r);
                a7 = e.fma(x, a7);
                b7 = e.fma(y, b7);
                e = FloatVector.fromArray(S, d, o + 8 * r);
                a8 = e.fma(x, a8);
                b8 = e.fma(y, b8);
                e = FloatVector.fromArray(S, d, o + 9 * r);
                a9 = e.fma(x, a9);
                b9 = e.fma(y, b9);
            }
            // tree: lane bit 8 picks the odd accumulator of each pair, then bits 4, 2, 1 (zero partners elided)
            FloatVector ap0 = a0.blend(a1, M8).add(a1.blend(a0, M8).rearrange(P8));
            FloatVector ap1 = a2.blend(a3, M8).add(a3.blend(a2, M8).rearrange(P8));
            FloatVector ap2 = a4.blend(a5, M8).add(a5.blend(a4, M8).rearrange(P8));
            FloatVector ap3 = a6.blend(a7, M8).add(a7.blend(a6, M8).rearrange(P8));
            FloatVector ap4 = a8.blend(a9, M8).add(a9.blend(a8, M8).rearrange(P8));
            FloatVector aq0 = ap0.blend(ap1, M4).add(ap1.blend(ap0, M4).rearrange(P4));
            FloatVector aq1 = ap2.blend(ap3, M4).add(ap3.blend(ap2, M4).rearrange(P4));
            FloatVector aq2 = ap4.add(ap4.rearrange(P4));
            FloatVector as0 = aq0.blend(aq1, M2).add(aq1.blend(aq0, M2).rearrange(P2));
            FloatVector as1 = aq2.add(aq2.rearrange(P2));
            as0.blend(as1, M1).add(as1.blend(as0, M1).rearrange(P1)).intoArray(sums, 0);
            FloatVector bp0 = b0.blend(b1, M8).add(b1.blend(b0, M8).rearrange(P8));
            FloatVector bp1 = b2.blend(b3, M8).add(b3.blend(b2, M8).rearrange(P8));
            FloatVector bp2 = b4.blend(b5, M8).add(b5.blend(b4, M8).rearrange(P8));
            FloatVector bp3 = b6.blend(b7, M8).add(b7.blend(b6, M8).rearrange(P8));
            FloatVector bp4 = b8.blend(b9, M8).add(b9.blend(b8, M8).rearrange(P8));
            FloatVector bq0 = bp0.blend(bp1, M4).add(bp1.blend(bp0, M4).rearrange(P4));
            FloatVector bq1 = bp2.blend(bp3, M4).add(bp3.blend(bp2, M4).rearrange(P4));
            FloatVector bq2 = bp4.add(bp4.rearrange(P4));
            FloatVector bs0 = bq0.blend(bq1, M2).add(bq1.blend(bq0, M2).rearrange(P2));
            FloatVector bs1 = bq2.add(bq2.rearrange(P2));
            bs0.blend(bs1, M1).add(bs1.blend(bs0, M1).rearrange(P1)).intoArray(sums, N);
            for (int c = 0; c < C; c++) {
                w[wb + j + c * n] += alpha * sums[LANE[c]];
            }
            if (j2 != j) {
                for (int c = 0; c < C; c++) {
                    w[wb + j2 + c * n] += alpha * sums[N + LANE[c]];
                }
            }
        }
    }

    private static final int C = 10;
    /** Lane of class c's sum after the tree: the bit-reversed class index (c4 is lane 1 = reversed 1000). */
    private static final int[] LANE = {0, 8, 4, 12, 2, 10, 6, 14, 1, 9};
    private static final VectorMask<Float> M8 = bits(8);
    private static final VectorMask<Float> M4 = bits(4);
    private static final VectorMask<Float> M2 = bits(2);
    private static final VectorMask<Float> M1 = bits(1);
    private static final VectorShuffle<Float> P8 = VectorShuffle.fromOp(S, i -> i ^ 8);
    private static final VectorShuffle<Float> P4 = VectorShuffle.fromOp(S, i -> i ^ 4);
    private static final VectorShuffle<Float> P2 = VectorShuffle.fromOp(S, i -> i ^ 2);
    private static final VectorShuffle<Float> P1 = VectorShuffle.fromOp(S, i -> i ^ 1);

    private static VectorMask<Float> bits(int bit) {
        boolean[] set = new boolean[N];
        for (int i = 0; i < N; i++) {
            set[i] = (i & bit) != 0;
        }
        return VectorMask.fromArray(S, set, 0);
    }
}
