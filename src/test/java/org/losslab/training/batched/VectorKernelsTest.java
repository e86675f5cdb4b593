package org.losslab.training.batched;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Vector API kernels ({@link VectorSoftmax}, {@link VectorRelu}) give the bits of the scalar reference
 * loops (NaNs counted as one value) for row counts below, at and between multiples of the lanes, with ties,
 * NaN, ±∞ and huge logits.
 */
class VectorKernelsTest {

    private static final int C = BatchedMemory.CLASSES;
    private static final float[] SPECIAL = {0f, -0f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY,
        1e30f, -1e30f, 88f, -88f, Float.MIN_VALUE};
    private static final int[] ROWS = {1, 7, 8, 15, 16, 17, 31, 37, 64, 100, 129};

    @Test
    void surefireRunsWithTheVectorModule() {
        assertThat(ClassMajorSoftmax.VECTOR).as("--add-modules jdk.incubator.vector in the argLine").isTrue();
    }

    @Test
    void softmaxCrossEntropyAndClassSumsHaveTheScalarBits() {
        Random rnd = new Random(13);
        for (int r : ROWS) {
            for (boolean special : new boolean[] {false, true}) {
                int base = 3;
                float[] z = logits(rnd, base, r, special);
                int[] y = new int[r + 2];
                for (int j = 0; j < y.length; j++) {
                    y[j] = rnd.nextInt(C);
                }
                ClassMajorSoftmax.Rows s = ClassMajorSoftmax.Rows.of(r);
                long[] wrong = new long[2];
                long[] wrongRef = new long[2];
                double loss = VectorSoftmax.crossEntropy(z, base, r, y, 2, s, wrong, 1);
                double ref = ClassMajorSoftmax.scalarCrossEntropy(z, base, r, y, 2, s, wrongRef, 1);
                assertThat(Double.doubleToLongBits(loss)).as("loss, r = %d (%s vs %s)", r, loss, ref)
                        .isEqualTo(Double.doubleToLongBits(ref));
                assertThat(wrong).as("errors, r = %d", r).containsExactly(wrongRef);
                if (!special && r >= 16) {
                    assertThat(wrong[1]).as("some rows right, some wrong").isBetween(1L, r - 1L);
                }

                float[] v = z.clone();
                float[] w = z.clone();
                VectorSoftmax.softmax(v, base, r, s);
                ClassMajorSoftmax.scalarSoftmax(w, base, r, s);
                assertBits(v, w, "softmax, r = " + r);
                for (int c = 0; c < C; c++) {
                    assertThat(Float.floatToIntBits(VectorSoftmax.classSum(w, base, r, c))).as("class sum %d", c)
                            .isEqualTo(Float.floatToIntBits(ClassMajorSoftmax.scalarClassSum(w, base, r, c)));
                }
            }
        }
    }

    @Test
    void reluAndItsDerivativeHaveTheHeapLoopsBits() {
        // 5 networks of width 7 in chunks of 3 (21 columns: more than a vector of 16 and a tail): 3 and 2
        BlockShape shape = BlockShape.of(BatchedFixtures.spec(2, "shared", 50, 0.1, 1.0), 100, 7, 5, 21);
        BlockBuffers v = new BlockBuffers(shape);
        BlockBuffers h = new BlockBuffers(shape);
        try {
            Random rnd = new Random(5);
            fill(v.acts[0], rnd);
            fill(v.grad, rnd);
            h.acts[0].assign(v.acts[0]);
            h.grad.assign(v.grad);
            VectorRelu vector = new VectorRelu(v);
            HeapRelu heap = new HeapRelu(h);
            for (int c = 0; c < shape.chunks(); c++) {
                vector.forward(0, c, 30);
                heap.heapForward(0, c, 30);
                assertBits(v.acts[0].data().asFloat(), h.acts[0].data().asFloat(), "relu, chunk " + c);
                vector.backward(0, c, 30);
                heap.heapBackward(0, c, 30);
                assertBits(v.acts[0].data().asFloat(), h.acts[0].data().asFloat(), "derivative, chunk " + c);
            }
        } finally {
            v.close();
            h.close();
        }
    }

    private static float[] logits(Random rnd, int base, int r, boolean special) {
        float[] z = new float[base + C * r + 5];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) (rnd.nextGaussian() * 4);
        }
        for (int j = 0; j < r; j += 3) {
            z[base + 4 * r + j] = j % 2 == 0 ? 30f : z[base + 7 * r + j]; // ties between classes 4 and 7,
            z[base + 7 * r + j] = z[base + 4 * r + j];                     // every other one at the maximum
        }
        if (special) {
            for (int i = base; i < base + C * r; i += 7) {
                z[i] = SPECIAL[rnd.nextInt(SPECIAL.length)];
            }
        }
        return z;
    }

    private static void fill(INDArray a, Random rnd) {
        float[] x = new float[(int) a.length()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 5 == 0 ? SPECIAL[rnd.nextInt(SPECIAL.length)] : (float) rnd.nextGaussian();
        }
        a.assign(Nd4j.createFromArray(x).reshape(a.shape()));
    }

    private static void assertBits(float[] actual, float[] expected, String what) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < actual.length; i++) {
            assertThat(Float.floatToIntBits(actual[i])).as("%s, element %d: %s vs %s", what, i, actual[i],
                    expected[i]).isEqualTo(Float.floatToIntBits(expected[i]));
        }
    }
}
