package org.losslab.training.batched;

import static org.losslab.training.batched.CephesFloat.EXP_C0;
import static org.losslab.training.batched.CephesFloat.EXP_C1;
import static org.losslab.training.batched.CephesFloat.EXP_C2;
import static org.losslab.training.batched.CephesFloat.EXP_C3;
import static org.losslab.training.batched.CephesFloat.EXP_C4;
import static org.losslab.training.batched.CephesFloat.EXP_C5;
import static org.losslab.training.batched.CephesFloat.LN2_HI;
import static org.losslab.training.batched.CephesFloat.LN2_LO;
import static org.losslab.training.batched.CephesFloat.LOG2E;
import static org.losslab.training.batched.CephesFloat.ROUND;
import static org.losslab.training.batched.CephesFloat.ROUND_BITS;
import static org.losslab.training.batched.CephesFloat.UNDERFLOW;

import java.nio.ByteBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link OutputLayer} with JDK 17's incubating Vector API, 16 examples a vector with AVX-512, 8 with AVX2, 4 with
 * SSE or NEON ({@link #S}): a vector's ten logits stay in registers across the hidden units, each weight-gradient
 * pass keeps ten class accumulators in registers and adds their 16 lanes by one transposing tree (with fewer
 * lanes, 16/N passes and {@link #sum16}). The exponential is written out in each kernel (C2 does not inline
 * a method taking a vector once that method is compiled on its own, and boxed vectors are slow). The padding
 * lanes of the last block are computed and discarded (blended away before any sum).
 */
final class VectorOutputLayer extends OutputLayer {

    /**
     * The CPU's preferred species, at most 16 floats: 16 with AVX-512, 8 with AVX2, 4 with SSE or NEON; chosen once,
     * so C2 compiles the kernels for it. With N < 16 lanes every sum over examples runs in 16/N passes over the
     * examples (indices N·pass to N·pass + N − 1 modulo 16), so it keeps the same 16 partial sums and the same bits.
     */
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED.length() >= LANES
            ? FloatVector.SPECIES_512 : FloatVector.SPECIES_PREFERRED;
    /** Floats a vector. */
    static final int N = S.length();
    /** Passes of each sum over examples: 1 with 16-lane vectors, 2 with 8, 4 with 4. */
    private static final int PASSES = LANES / N;
    /** Lane of class c's sum after the tree (16 lanes only): the class index with its four bits reversed. */
    private static final int[] LANE = {0, 8, 4, 12, 2, 10, 6, 14, 1, 9};
    private static final VectorMask<Float> M8 = bits(8);
    private static final VectorMask<Float> M4 = bits(4);
    private static final VectorMask<Float> M2 = bits(2);
    private static final VectorMask<Float> M1 = bits(1);
    /** The tree's lane permutations (used with 16 lanes only; modulo N keeps them valid for narrower species). */
    private static final VectorShuffle<Float> P8 = VectorShuffle.fromOp(S, i -> (i ^ 8) % N);
    private static final VectorShuffle<Float> P4 = VectorShuffle.fromOp(S, i -> (i ^ 4) % N);
    private static final VectorShuffle<Float> P2 = VectorShuffle.fromOp(S, i -> (i ^ 2) % N);
    private static final VectorShuffle<Float> P1 = VectorShuffle.fromOp(S, i -> (i ^ 1) % N);
    private static final FloatVector IOTA = FloatVector.zero(S).addIndex(1);

    private final VectorLogits blocks;
    /** The ten logits (then exponentials) of one vector of examples, class-major, and their maxima. */
    private final float[] zs;
    private final float[] sums = new float[LANES];
    /** With fewer than 16 lanes: each class's 16 partial sums, added by {@link #sum16}. */
    private final float[] partials = new float[C * LANES];

    VectorOutputLayer(ByteBuffer acts, int width, int maxRows) {
        super(acts, width, maxRows);
        this.blocks = new VectorLogits(acts, width);
        this.zs = blocks.zs;
    }

    /** Whether the CPU's preferred vectors hold 16 floats or more, or 8, or 4: the kernels need N to divide 16. */
    static boolean supported() {
        int n = FloatVector.SPECIES_PREFERRED.length();
        return n >= LANES || n == 8 || n == 4;
    }

    @Override
    void train(int at, int r, float[] w, float[] b, int bOff, float[] labels, float alpha, float lr) {
        softmaxDelta(at, r, w, b, bOff, labels);
        gradients(at, r, width, w, b, bOff, alpha, lr);
    }

    /** {@link #delta} := softmax − onehot of the logits computed from the top block. */
    private void softmaxDelta(int at, int r, float[] w, float[] b, int bOff, float[] labels) {
        int ld = BlockShape.lead(r);
        for (int blk = 0; blk < ld; blk += N) {
            blocks.logits(at + blk, ld, w, b, bOff);
            FloatVector m = FloatVector.fromArray(S, zs, C * N);
            FloatVector sum = FloatVector.zero(S);
            for (int c = 0; c < C; c++) {
                FloatVector xc = FloatVector.fromArray(S, zs, c * N).sub(m).max(UNDERFLOW);
                FloatVector rounded = xc.mul(LOG2E).add(ROUND);
                FloatVector fn = rounded.sub(ROUND);
                FloatVector x = xc.sub(fn.mul(LN2_HI)).sub(fn.mul(LN2_LO));
                FloatVector p = FloatVector.broadcast(S, EXP_C0);
                p = p.mul(x).add(EXP_C1);
                p = p.mul(x).add(EXP_C2);
                p = p.mul(x).add(EXP_C3);
                p = p.mul(x).add(EXP_C4);
                p = p.mul(x).add(EXP_C5);
                FloatVector two = ((IntVector) rounded.reinterpretAsInts()).sub(ROUND_BITS - 127)
                        .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
                FloatVector e = p.mul(x).mul(x).add(x).add(1f).mul(two);
                e.intoArray(zs, c * N);
                sum = sum.add(e);
            }
            FloatVector inv = FloatVector.broadcast(S, 1f).div(sum);
            if (blk + N <= r) {
                for (int c = 0; c < C; c++) {
                    FloatVector.fromArray(S, zs, c * N).mul(inv).intoArray(delta, c * ld + blk);
                }
            } else {
                VectorMask<Float> valid = IOTA.compare(VectorOperators.LT, (float) (r - blk));
                for (int c = 0; c < C; c++) {
                    FloatVector.zero(S).blend(FloatVector.fromArray(S, zs, c * N).mul(inv), valid)
                            .intoArray(delta, c * ld + blk);
                }
            }
        }
        for (int row = 0; row < r; row++) { // minus the one-hot label: p − 1 where p − 0 = p elsewhere
            delta[(int) labels[row] * ld + row] -= 1f;
        }
    }

    /**
     * The output biases' update and, for the first {@code units} hidden units (all of them), the output weights'
     * update and the hidden delta written over the top block (from {@link #delta}).
     */
    private void gradients(int at, int r, int units, float[] w, float[] b, int bOff, float alpha, float lr) {
        int ld = BlockShape.lead(r);
        for (int j = -1; j < units; j++) { // j = −1: the bias gradient, a hidden unit that is 1 on every example
            for (int pass = 0; pass < PASSES; pass++) {
                accumulate(at, r, ld, j, pass, w);
            }
            for (int c = 0; c < C; c++) {
                classSums[c] = PASSES == 1 ? sums[LANE[c]] : sum16(partials, c * LANES);
            }
            update(j, classSums, r, w, b, bOff, alpha, lr);
        }
    }

    /**
     * Hidden unit j's ten gradient sums over the examples of one pass (all of them with 16 lanes, otherwise the
     * examples N·pass to N·pass + N − 1 modulo 16), lane by lane, into {@link #sums} by the transposing tree or into
     * {@link #partials}; and the hidden delta of those examples written over their activations.
     */
    private void accumulate(int at, int r, int ld, int j, int pass, float[] w) {
        int n = width;
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
        for (int blk = pass * N; blk < ld; blk += LANES) {
            int q = 4 * (at + j * ld + blk);
            FloatVector h = j < 0 ? FloatVector.broadcast(S, 1f)
                    : FloatVector.fromByteBuffer(S, acts, q, ORDER).max(0f);
            if (blk + N > r) {
                h = FloatVector.zero(S).blend(h, IOTA.compare(VectorOperators.LT, (float) (r - blk)));
            }
            FloatVector d0 = FloatVector.fromArray(S, delta, blk);
            FloatVector d1 = FloatVector.fromArray(S, delta, ld + blk);
            FloatVector d2 = FloatVector.fromArray(S, delta, 2 * ld + blk);
            FloatVector d3 = FloatVector.fromArray(S, delta, 3 * ld + blk);
            FloatVector d4 = FloatVector.fromArray(S, delta, 4 * ld + blk);
            FloatVector d5 = FloatVector.fromArray(S, delta, 5 * ld + blk);
            FloatVector d6 = FloatVector.fromArray(S, delta, 6 * ld + blk);
            FloatVector d7 = FloatVector.fromArray(S, delta, 7 * ld + blk);
            FloatVector d8 = FloatVector.fromArray(S, delta, 8 * ld + blk);
            FloatVector d9 = FloatVector.fromArray(S, delta, 9 * ld + blk);
            a0 = d0.fma(h, a0);
            a1 = d1.fma(h, a1);
            a2 = d2.fma(h, a2);
            a3 = d3.fma(h, a3);
            a4 = d4.fma(h, a4);
            a5 = d5.fma(h, a5);
            a6 = d6.fma(h, a6);
            a7 = d7.fma(h, a7);
            a8 = d8.fma(h, a8);
            a9 = d9.fma(h, a9);
            if (j >= 0) {
                FloatVector g = d0.mul(w[j]);
                g = d1.fma(FloatVector.broadcast(S, w[n + j]), g);
                g = d2.fma(FloatVector.broadcast(S, w[2 * n + j]), g);
                g = d3.fma(FloatVector.broadcast(S, w[3 * n + j]), g);
                g = d4.fma(FloatVector.broadcast(S, w[4 * n + j]), g);
                g = d5.fma(FloatVector.broadcast(S, w[5 * n + j]), g);
                g = d6.fma(FloatVector.broadcast(S, w[6 * n + j]), g);
                g = d7.fma(FloatVector.broadcast(S, w[7 * n + j]), g);
                g = d8.fma(FloatVector.broadcast(S, w[8 * n + j]), g);
                g = d9.fma(FloatVector.broadcast(S, w[9 * n + j]), g);
                g.mul(h.mul(HUGE).mul(HUGE).min(1f)).intoByteBuffer(acts, q, ORDER);
            }
        }
        if (PASSES > 1) { // fewer than 16 lanes: keep this pass's partial sums; sum16 adds all 16 after the last pass
            a0.intoArray(partials, pass * N);
            a1.intoArray(partials, LANES + pass * N);
            a2.intoArray(partials, 2 * LANES + pass * N);
            a3.intoArray(partials, 3 * LANES + pass * N);
            a4.intoArray(partials, 4 * LANES + pass * N);
            a5.intoArray(partials, 5 * LANES + pass * N);
            a6.intoArray(partials, 6 * LANES + pass * N);
            a7.intoArray(partials, 7 * LANES + pass * N);
            a8.intoArray(partials, 8 * LANES + pass * N);
            a9.intoArray(partials, 9 * LANES + pass * N);
            return;
        }
        // tree: lane bit 8 picks the odd accumulator of each pair, then bits 4, 2, 1 (zero partners elided)
        FloatVector p0 = a0.blend(a1, M8).add(a1.blend(a0, M8).rearrange(P8));
        FloatVector p1 = a2.blend(a3, M8).add(a3.blend(a2, M8).rearrange(P8));
        FloatVector p2 = a4.blend(a5, M8).add(a5.blend(a4, M8).rearrange(P8));
        FloatVector p3 = a6.blend(a7, M8).add(a7.blend(a6, M8).rearrange(P8));
        FloatVector p4 = a8.blend(a9, M8).add(a9.blend(a8, M8).rearrange(P8));
        FloatVector q0 = p0.blend(p1, M4).add(p1.blend(p0, M4).rearrange(P4));
        FloatVector q1 = p2.blend(p3, M4).add(p3.blend(p2, M4).rearrange(P4));
        FloatVector q2 = p4.add(p4.rearrange(P4));
        FloatVector s0 = q0.blend(q1, M2).add(q1.blend(q0, M2).rearrange(P2));
        FloatVector s1 = q2.add(q2.rearrange(P2));
        s0.blend(s1, M1).add(s1.blend(s0, M1).rearrange(P1)).intoArray(sums, 0);
    }

    @Override
    double score(int at, int r, float[] w, float[] b, int bOff, float[] labels, long[] wrong, int i) {
        wrong[i] += blocks.score(at, r, w, b, bOff, labels, loss);
        return rowLosses(r);
    }

    private static VectorMask<Float> bits(int bit) {
        boolean[] set = new boolean[LANES];
        for (int i = 0; i < LANES; i++) {
            set[i] = (i & bit) != 0;
        }
        return VectorMask.fromArray(S, set, 0);
    }
}
