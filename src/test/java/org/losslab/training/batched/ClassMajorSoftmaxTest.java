package org.losslab.training.batched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The class-major softmax kernels against the textbook formulas in double precision. */
class ClassMajorSoftmaxTest {

    private static final int C = BatchedMemory.CLASSES;

    @Test
    void expIsWithinTwoUlpOfMathExpOverTheWholeRangeTheKernelsUse() {
        int n = 0;
        float[] x = new float[200_000];
        for (float v = 0f; v > -87f && n < x.length; v -= 0.000731f) {
            x[n++] = v;
        }
        float[] e = x.clone();
        ClassMajorSoftmax.exp(e, n, new float[n]);
        for (int i = 0; i < n; i++) {
            double exact = Math.exp(x[i]);
            assertThat((double) e[i]).as("exp(%s)", x[i]).isCloseTo(exact, within(2.5 * Math.ulp((float) exact)));
        }
        float[] edges = {0f, -100f, Float.NEGATIVE_INFINITY, Float.NaN};
        ClassMajorSoftmax.exp(edges, edges.length, new float[edges.length]);
        assertThat(edges[0]).isEqualTo(1f);
        assertThat((double) edges[1]).as("below the underflow limit: about 2^-126, negligible in a sum of at least 1")
                .isCloseTo(0x1p-126, within(1e-5 * 0x1p-126));
        assertThat((double) edges[2]).isCloseTo(0x1p-126, within(1e-5 * 0x1p-126));
        assertThat(edges[3]).isNaN();
    }

    @Test
    void softmaxCrossEntropyAndErrorsMatchTheDefinitionsRowByRow() {
        float[][] rows = {
            {2.5f, -1f, 0.25f, 7f, 3f, -30f, 0f, 6.9f, 1f, -2f},
            {0f, 4f, 4f, 1f, -1f, 2f, 3f, 0f, 0f, 1f},   // two maxima: classes 1 and 2
            {-5f, -4f, -3f, -2f, -1f, 0f, 1f, 2f, 3f, 90f},
        };
        int[] labels = {3, 2, 0};
        int r = rows.length;
        int base = 7; // the kernels work at an offset into the block's buffer
        float[] z = classMajor(rows, base);
        ClassMajorSoftmax.Rows s = ClassMajorSoftmax.Rows.of(r);
        long[] wrong = new long[2];
        double loss = ClassMajorSoftmax.crossEntropy(z, base, r, labels, 0, s, wrong, 1);
        assertThat(z).as("left as it was").containsExactly(classMajor(rows, base));
        double expected = 0;
        for (int j = 0; j < r; j++) {
            double norm = 0;
            for (float v : rows[j]) {
                norm += Math.exp(v);
            }
            expected += Math.log(norm) - rows[j][labels[j]];
        }
        assertThat(loss).isCloseTo(expected, within(1e-5));
        assertThat(wrong[1]).as("row 1's label is the second maximum, row 2's not the maximum").isEqualTo(2);
        assertThat(wrong[0]).isZero();

        ClassMajorSoftmax.softmax(z, base, r, s);
        for (int j = 0; j < r; j++) {
            double norm = 0;
            for (float v : rows[j]) {
                norm += Math.exp(v);
            }
            for (int c = 0; c < C; c++) {
                assertThat((double) z[base + c * r + j]).isCloseTo(Math.exp(rows[j][c]) / norm, within(1e-7));
            }
        }
        rows[1][4] = Float.NaN;
        float[] diverged = classMajor(rows, 0);
        ClassMajorSoftmax.softmax(diverged, 0, r, s);
        assertThat(diverged[r + 1]).as("a NaN logit makes its row NaN").isNaN();
        assertThat(diverged[r]).as("and only its row").isNotNaN();
    }

    @Test
    void classSumsAddEveryRow() {
        int r = 103;
        float[] z = new float[5 + C * r];
        double[] expected = new double[C];
        for (int c = 0; c < C; c++) {
            for (int j = 0; j < r; j++) {
                z[5 + c * r + j] = (float) Math.sin(c * 1000 + j);
                expected[c] += z[5 + c * r + j];
            }
            assertThat((double) ClassMajorSoftmax.classSum(z, 5, r, c)).isCloseTo(expected[c], within(1e-5));
        }
    }

    private static float[] classMajor(float[][] rows, int base) {
        int r = rows.length;
        float[] z = new float[base + C * r];
        for (int j = 0; j < r; j++) {
            for (int c = 0; c < C; c++) {
                z[base + c * r + j] = rows[j][c];
            }
        }
        return z;
    }
}
