package org.losslab.training.batched;

import static org.losslab.training.batched.CephesFloat.EXP_C0;
import static org.losslab.training.batched.CephesFloat.EXP_C1;
import static org.losslab.training.batched.CephesFloat.EXP_C2;
import static org.losslab.training.batched.CephesFloat.EXP_C3;
import static org.losslab.training.batched.CephesFloat.EXP_C4;
import static org.losslab.training.batched.CephesFloat.EXP_C5;
import static org.losslab.training.batched.CephesFloat.LOG_C0;
import static org.losslab.training.batched.CephesFloat.LOG_C1;
import static org.losslab.training.batched.CephesFloat.LOG_C2;
import static org.losslab.training.batched.CephesFloat.LOG_C3;
import static org.losslab.training.batched.CephesFloat.LOG_C4;
import static org.losslab.training.batched.CephesFloat.LOG_C5;
import static org.losslab.training.batched.CephesFloat.LOG_C6;
import static org.losslab.training.batched.CephesFloat.LOG_C7;
import static org.losslab.training.batched.CephesFloat.LOG_C8;
import static org.losslab.training.batched.CephesFloat.LN2_HI;
import static org.losslab.training.batched.CephesFloat.LN2_LO;
import static org.losslab.training.batched.CephesFloat.LOG2E;
import static org.losslab.training.batched.CephesFloat.ROUND;
import static org.losslab.training.batched.CephesFloat.ROUND_BITS;
import static org.losslab.training.batched.CephesFloat.SQRTHF;
import static org.losslab.training.batched.CephesFloat.UNDERFLOW;
import static org.losslab.training.batched.OutputLayer.C;
import static org.losslab.training.batched.OutputLayer.ORDER;

import java.nio.ByteBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The logits of one vector of examples (16 or 8, {@link VectorOutputLayer#S}) of one network at a time for
 * {@link VectorOutputLayer}, computed from the top activations (ten class vectors in registers across the hidden
 * units), and the evaluation's cross-entropy from them (the logarithm written out like the exponential: a method
 * taking a vector is not inlined once compiled on its own, and boxed vectors are slow).
 */
final class VectorLogits {

    private static final VectorSpecies<Float> S = VectorOutputLayer.S;
    private static final int N = S.length();
    private static final FloatVector IOTA = FloatVector.zero(S).addIndex(1);

    private final ByteBuffer acts;
    private final int width;
    /** The ten logits of the current vector of examples, class-major, then their maxima. */
    final float[] zs = new float[(C + 1) * N];

    VectorLogits(ByteBuffer acts, int width) {
        this.acts = acts;
        this.width = width;
    }

    /**
     * {@link OutputLayer#score} for the blocks of r examples: their cross-entropies into {@code loss}, returning how
     * many are misclassified.
     */
    int score(int at, int r, float[] w, float[] b, int bOff, float[] labels, float[] loss) {
        int ld = BlockShape.lead(r);
        long bad = 0;
        for (int blk = 0; blk < ld; blk += N) {
            logits(at + blk, ld, w, b, bOff);
            FloatVector m = FloatVector.fromArray(S, zs, C * N);
            FloatVector y = FloatVector.fromArray(S, labels, blk);
            FloatVector first = FloatVector.broadcast(S, C);
            FloatVector label = FloatVector.zero(S);
            FloatVector sum = FloatVector.zero(S);
            for (int c = C - 1; c >= 0; c--) {
                FloatVector z = FloatVector.fromArray(S, zs, c * N);
                first = first.blend(FloatVector.broadcast(S, c), z.compare(VectorOperators.EQ, m));
                label = label.blend(z, y.compare(VectorOperators.EQ, (float) c));
            }
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
                sum = sum.add(p.mul(x).mul(x).add(x).add(1f).mul(two));
            }
            IntVector bits = (IntVector) sum.reinterpretAsInts();
            FloatVector e = (FloatVector) bits.lanewise(VectorOperators.LSHR, 23).sub(126)
                    .convert(VectorOperators.I2F, 0);
            FloatVector mant = bits.and(0x007FFFFF).or(0x3F000000).reinterpretAsFloats();
            VectorMask<Float> small = mant.compare(VectorOperators.LT, SQRTHF);
            e = e.blend(e.sub(1f), small);
            mant = mant.blend(mant.add(mant), small).sub(1f);
            FloatVector z2 = mant.mul(mant);
            FloatVector y2 = FloatVector.broadcast(S, LOG_C0);
            y2 = y2.mul(mant).add(LOG_C1);
            y2 = y2.mul(mant).add(LOG_C2);
            y2 = y2.mul(mant).add(LOG_C3);
            y2 = y2.mul(mant).add(LOG_C4);
            y2 = y2.mul(mant).add(LOG_C5);
            y2 = y2.mul(mant).add(LOG_C6);
            y2 = y2.mul(mant).add(LOG_C7);
            y2 = y2.mul(mant).add(LOG_C8);
            y2 = y2.mul(mant).mul(z2).add(e.mul(LN2_LO)).add(z2.mul(-0.5f));
            FloatVector log = mant.add(y2).add(e.mul(LN2_HI)).add(sum.mul(0f));
            log.sub(label.sub(m)).intoArray(loss, blk);
            VectorMask<Float> valid = IOTA.compare(VectorOperators.LT, (float) (r - blk));
            bad += first.compare(VectorOperators.NE, y).and(valid).trueCount();
        }
        return (int) bad;
    }

    /**
     * {@link #zs} := the logits {@code b_c + Σ_j w[c·n + j]·ReLU(top_j)} of the examples of one vector whose top
     * activations start at element {@code at} (rows of {@code ld} floats), and their maxima over the classes after them
     * (stored, not returned: a method returning a vector is not inlined once compiled on its own).
     */
    void logits(int at, int ld, float[] w, float[] b, int bOff) {
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
        for (int j = 0; j < n; j++) {
            FloatVector x = FloatVector.fromByteBuffer(S, acts, 4 * (at + j * ld), ORDER).max(0f);
            a0 = x.fma(FloatVector.broadcast(S, w[j]), a0);
            a1 = x.fma(FloatVector.broadcast(S, w[n + j]), a1);
            a2 = x.fma(FloatVector.broadcast(S, w[2 * n + j]), a2);
            a3 = x.fma(FloatVector.broadcast(S, w[3 * n + j]), a3);
            a4 = x.fma(FloatVector.broadcast(S, w[4 * n + j]), a4);
            a5 = x.fma(FloatVector.broadcast(S, w[5 * n + j]), a5);
            a6 = x.fma(FloatVector.broadcast(S, w[6 * n + j]), a6);
            a7 = x.fma(FloatVector.broadcast(S, w[7 * n + j]), a7);
            a8 = x.fma(FloatVector.broadcast(S, w[8 * n + j]), a8);
            a9 = x.fma(FloatVector.broadcast(S, w[9 * n + j]), a9);
        }
        a0 = a0.add(b[bOff]);
        a1 = a1.add(b[bOff + 1]);
        a2 = a2.add(b[bOff + 2]);
        a3 = a3.add(b[bOff + 3]);
        a4 = a4.add(b[bOff + 4]);
        a5 = a5.add(b[bOff + 5]);
        a6 = a6.add(b[bOff + 6]);
        a7 = a7.add(b[bOff + 7]);
        a8 = a8.add(b[bOff + 8]);
        a9 = a9.add(b[bOff + 9]);
        a0.intoArray(zs, 0);
        a1.intoArray(zs, N);
        a2.intoArray(zs, 2 * N);
        a3.intoArray(zs, 3 * N);
        a4.intoArray(zs, 4 * N);
        a5.intoArray(zs, 5 * N);
        a6.intoArray(zs, 6 * N);
        a7.intoArray(zs, 7 * N);
        a8.intoArray(zs, 8 * N);
        a9.intoArray(zs, 9 * N);
        a0.max(a1).max(a2).max(a3).max(a4).max(a5).max(a6).max(a7).max(a8).max(a9).intoArray(zs, C * N);
    }

}
