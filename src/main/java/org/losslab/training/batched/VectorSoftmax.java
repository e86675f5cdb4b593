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

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ClassMajorSoftmax}'s softmax, cross-entropy and class sums with JDK 17's incubating Vector API: the
 * same IEEE operations in the same order, so the same bits (VectorKernelsTest), 2–3× faster in a
 * micro-benchmark (docs/performance.md, lever 13). C2's auto-vectoriser needs every operand in a scratch row
 * of its own at index 0; these loops read a network's class rows in place, a vector of rows at a time (16
 * with AVX-512), and keep a block's maxima and sums in registers. The exponential is the Cephes polynomial of
 * {@link ClassMajorSoftmax#exp} written out in each kernel: C2 does not inline a method taking or returning
 * a vector once that method is compiled on its own, and with boxed vectors the kernel took twice as long.
 * A row count that is not a multiple of the lanes ends with a block overlapping the one before (its earlier
 * lanes are kept, or recomputed equal); fewer rows than lanes take the scalar loops.
 */
final class VectorSoftmax {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Four lanes: lane q of the class sum is the scalar loop's partial sum s_q. */
    private static final VectorSpecies<Float> S4 = FloatVector.SPECIES_128;
    private static final int N = S.length();
    private static final int C = BatchedMemory.CLASSES;
    private static final float BIG = 0x1p127f;

    private VectorSoftmax() {
    }

    /** Bits of the vectors these kernels compute with (the CPU's preferred species). */
    static int vectorBits() {
        return S.vectorBitSize();
    }

    /** {@link ClassMajorSoftmax#softmax}. */
    static void softmax(float[] z, int base, int r, ClassMajorSoftmax.Rows s) {
        if (r < N) {
            ClassMajorSoftmax.scalarSoftmax(z, base, r, s);
            return;
        }
        FloatVector iota = FloatVector.zero(S).addIndex(1);
        for (int j = 0; j < r; j += N) {
            // the last block may overlap the one before: its lanes below j keep their softmax
            int jj = Math.min(j, r - N);
            VectorMask<Float> keep = iota.compare(VectorOperators.GE, (float) (j - jj));
            int o = base + jj;
            FloatVector m = FloatVector.fromArray(S, z, o);
            for (int c = 1; c < C; c++) {
                m = m.max(FloatVector.fromArray(S, z, o + c * r));
            }
            FloatVector sum = FloatVector.zero(S);
            for (int c = 0; c < C; c++) {
                FloatVector in = FloatVector.fromArray(S, z, o + c * r);
                FloatVector xc = in.sub(m).max(UNDERFLOW);
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
                in.blend(e, keep).intoArray(z, o + c * r);
                sum = sum.add(e);
            }
            FloatVector inv = FloatVector.broadcast(S, 1f).div(sum);
            for (int c = 0; c < C; c++) {
                FloatVector e = FloatVector.fromArray(S, z, o + c * r);
                e.blend(e.mul(inv), keep).intoArray(z, o + c * r);
            }
        }
    }

    /** {@link ClassMajorSoftmax#classSum}: its four interleaved partial sums are the lanes of one vector. */
    static float classSum(float[] z, int base, int r, int c) {
        int o = base + c * r;
        int upper = S4.loopBound(r);
        FloatVector acc = FloatVector.zero(S4);
        for (int j = 0; j < upper; j += 4) {
            acc = acc.add(FloatVector.fromArray(S4, z, o + j));
        }
        float s0 = acc.lane(0);
        for (int j = upper; j < r; j++) {
            s0 += z[o + j];
        }
        return (s0 + acc.lane(1)) + (acc.lane(2) + acc.lane(3));
    }

    /** {@link ClassMajorSoftmax#crossEntropy}: maxima, sums and ties in vectors, then the rows' losses as before. */
    static double crossEntropy(float[] z, int base, int r, int[] y, int yFrom, ClassMajorSoftmax.Rows s, long[] wrong,
            int i) {
        if (r < N) {
            return ClassMajorSoftmax.scalarCrossEntropy(z, base, r, y, yFrom, s, wrong, i);
        }
        float[] max = s.max();
        float[] sum = s.sum();
        float[] ties = s.ties();
        for (int j = 0; j < r; j += N) {
            int jj = Math.min(j, r - N); // the last block may overlap the one before: same values again
            int o = base + jj;
            FloatVector m = FloatVector.fromArray(S, z, o);
            for (int c = 1; c < C; c++) {
                m = m.max(FloatVector.fromArray(S, z, o + c * r));
            }
            FloatVector tie = FloatVector.zero(S);
            FloatVector sm = FloatVector.zero(S);
            for (int c = 0; c < C; c++) {
                FloatVector d = FloatVector.fromArray(S, z, o + c * r).sub(m);
                tie = tie.add(FloatVector.broadcast(S, 1f).sub(d.abs().mul(BIG).mul(BIG).min(1f)));
                FloatVector xc = d.max(UNDERFLOW);
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
                sm = sm.add(p.mul(x).mul(x).add(x).add(1f).mul(two));
            }
            m.intoArray(max, jj);
            sm.intoArray(sum, jj);
            tie.intoArray(ties, jj);
        }
        return ClassMajorSoftmax.rowLosses(z, base, r, y, yFrom, s, wrong, i);
    }
}
