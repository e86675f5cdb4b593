package org.losslab.training.batched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link OutputLayer}: the scalar reference against the textbook formulas in double precision on small cases,
 * and the Vector API kernels against the scalar reference bit for bit (NaNs counted as one value) for example
 * counts below, at and between multiples of 16, with ties, NaN, ±∞ and huge activations.
 */
class OutputLayerTest {

    private static final int C = BatchedMemory.CLASSES;
    private static final float[] SPECIAL = {0f, -0f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY,
        1e30f, -1e30f, 88f, -88f, Float.MIN_VALUE};

    /**
     * The widest vectors the CPU offers, at most 512 bits ({@code vector-512} on the development machine); the pom's
     * {@code vector-256} and {@code vector-128} executions restrict the JVM to AVX2 and to 128-bit vectors.
     */
    @Test
    void surefireRunsTheVectorKernels() {
        assertThat(OutputLayer.VECTOR).as("--add-modules jdk.incubator.vector in the argLine, 128-bit vectors or wider")
                .isTrue();
        int bits = Math.min(jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize(), 512);
        assertThat(OutputLayer.kernels()).isEqualTo(System.getProperty("losslab.expectedKernels", "vector-" + bits));
    }

    @Test
    void expIsWithinTwoUlpOfMathExpOverTheWholeRangeTheKernelsUse() {
        for (float v = 0f; v > -87f; v -= 0.000731f) {
            double exact = Math.exp(v);
            assertThat((double) CephesFloat.exp(v)).as("exp(%s)", v)
                    .isCloseTo(exact, within(2.5 * Math.ulp((float) exact)));
        }
        assertThat(CephesFloat.exp(0f)).isEqualTo(1f);
        assertThat((double) CephesFloat.exp(-100f)).as("below the underflow limit: 2^-126, negligible in a sum ≥ 1")
                .isCloseTo(0x1p-126, within(1e-5 * 0x1p-126));
        assertThat((double) CephesFloat.exp(Float.NEGATIVE_INFINITY)).isCloseTo(0x1p-126, within(1e-5 * 0x1p-126));
        assertThat(CephesFloat.exp(Float.NaN)).isNaN();
    }

    @Test
    void logIsWithinTwoUlpOfMathLogOverTheRangeOfSoftmaxSums() {
        for (float v = 1f; v <= 10f; v = Math.nextUp(v + 0.0001237f)) {
            double exact = Math.log(v);
            assertThat((double) CephesFloat.log(v)).as("log(%s)", v).isCloseTo(exact, within(2 * Math.ulp((float) exact)
                    + 1e-45));
        }
        assertThat(CephesFloat.log(1f)).isZero();
        assertThat((double) CephesFloat.log(0.3f)).as("below 1 too").isCloseTo(Math.log(0.3), within(1e-7));
        assertThat(CephesFloat.log(Float.NaN)).isNaN();
    }

    @Test
    void trainingStepMatchesTheDefinitionsInDoublePrecision() {
        int n = 3;
        int r = 5;
        int ld = BlockShape.lead(r);
        Random rnd = new Random(3);
        Block blk = Block.random(rnd, n, r, 1, false);
        Block out = blk.copy();
        float[] w = blk.w.clone();
        float[] b = blk.b.clone();
        float lr = 0.5f;
        new ScalarOutputLayer(out.acts, n, r).train(0, r, w, b, 0, blk.labels, -(lr / r), lr);
        double[][] dw = new double[C][n];
        double[] db = new double[C];
        for (int row = 0; row < r; row++) {
            double[] h = new double[n];
            for (int j = 0; j < n; j++) {
                h[j] = Math.max(blk.z(j, row), 0);
            }
            double[] delta = softmax(logits(blk, h));
            delta[(int) blk.labels[row]] -= 1;
            for (int j = 0; j < n; j++) {
                double g = 0;
                for (int c = 0; c < C; c++) {
                    g += blk.w[c * n + j] * delta[c];
                    dw[c][j] += delta[c] * h[j];
                }
                double expected = blk.z(j, row) > 0 ? g : 0;
                assertThat((double) out.acts.getFloat(4 * (j * ld + row))).as("hidden delta %d,%d", j, row)
                        .isCloseTo(expected, within(1e-5));
            }
            for (int c = 0; c < C; c++) {
                db[c] += delta[c];
            }
        }
        for (int c = 0; c < C; c++) {
            assertThat((double) b[c]).isCloseTo(blk.b[c] - lr * db[c] / r, within(1e-5));
            for (int j = 0; j < n; j++) {
                assertThat((double) w[c * n + j]).isCloseTo(blk.w[c * n + j] - lr * dw[c][j] / r, within(1e-5));
            }
        }
        for (int j = 0; j < n; j++) {
            for (int row = r; row < ld; row++) {
                assertThat(out.acts.getFloat(4 * (j * ld + row))).as("padding").isZero();
            }
        }
    }

    @Test
    void scoreMatchesTheDefinitionsAndCountsTiesByTheFirstMaximum() {
        int n = 4;
        int r = 21;
        Random rnd = new Random(4);
        Block blk = Block.random(rnd, n, r, 1, false);
        long[] wrong = new long[2];
        double loss = new ScalarOutputLayer(blk.acts, n, r).score(0, r, blk.w, blk.b, 0, blk.labels, wrong, 1);
        double expected = 0;
        long bad = 0;
        for (int row = 0; row < r; row++) {
            double[] h = new double[n];
            for (int j = 0; j < n; j++) {
                h[j] = Math.max(blk.z(j, row), 0);
            }
            double[] z = logits(blk, h);
            expected -= Math.log(softmax(z)[(int) blk.labels[row]]);
            int first = 0;
            for (int c = 1; c < C; c++) {
                first = z[c] > z[first] ? c : first;
            }
            bad += first == (int) blk.labels[row] ? 0 : 1;
        }
        assertThat(loss).isCloseTo(expected, within(1e-5 * r));
        assertThat(wrong[1]).isEqualTo(bad);
        // all logits equal (zero weights and biases): the first class is the prediction, the loss log 10 a row
        long[] tied = new long[1];
        double flat = new ScalarOutputLayer(blk.acts, n, r).score(0, r, new float[C * n], new float[C], 0, blk.labels,
                tied, 0);
        long notZero = 0;
        for (int row = 0; row < r; row++) {
            notZero += blk.labels[row] == 0f ? 0 : 1;
        }
        assertThat(tied[0]).isEqualTo(notZero);
        assertThat(flat).isCloseTo(r * Math.log(10), within(1e-5 * r));
    }

    @Test
    void vectorKernelsHaveTheScalarBits() {
        Random rnd = new Random(13);
        for (int n : new int[] {1, 7, 25}) {
            for (int r : new int[] {1, 15, 16, 17, 37, 100, 129}) {
                for (boolean special : new boolean[] {false, true}) {
                    String what = "n " + n + ", r " + r + (special ? ", special values" : "");
                    Block v = Block.random(rnd, n, r, 2, special);
                    Block s = v.copy();
                    int at = n * BlockShape.lead(r); // the second network's block
                    OutputLayer vector = new VectorOutputLayer(v.acts, n, r);
                    OutputLayer scalar = new ScalarOutputLayer(s.acts, n, r);
                    long[] wv = new long[1];
                    long[] ws = new long[1];
                    double lv = vector.score(at, r, v.w, v.b, C, v.labels, wv, 0);
                    double ls = scalar.score(at, r, s.w, s.b, C, s.labels, ws, 0);
                    assertThat(Double.doubleToLongBits(lv)).as("loss, " + what).isEqualTo(Double.doubleToLongBits(ls));
                    assertThat(wv[0]).as("errors, " + what).isEqualTo(ws[0]);
                    vector.train(at, r, v.w, v.b, C, v.labels, -0.1f / r, 0.1f);
                    scalar.train(at, r, s.w, s.b, C, s.labels, -0.1f / r, 0.1f);
                    assertBits(v.w, s.w, "output weights, " + what);
                    assertBits(v.b, s.b, "output biases, " + what);
                    for (int q = 0; q < v.acts.capacity() / 4; q++) {
                        assertThat(Float.floatToIntBits(v.acts.getFloat(4 * q))).as("hidden delta %d, %s", q, what)
                                .isEqualTo(Float.floatToIntBits(s.acts.getFloat(4 * q)));
                    }
                }
            }
        }
    }

    /**
     * The same comparison after thousands of calls, so that C2 has compiled both kernels (the test above runs them
     * interpreted or from C1): the compiled vector code must not differ either (widths 25 and 32, r = 100 and 500).
     */
    @Test
    void compiledVectorKernelsHaveTheScalarBits() {
        Random rnd = new Random(17);
        for (int it = 0; it < 4000; it++) {
            int n = it % 2 == 0 ? 25 : 32;
            int r = it % 3 == 0 ? 500 : 100;
            Block v = Block.random(rnd, n, r, 1, it % 5 == 0);
            Block s = v.copy();
            OutputLayer vector = new VectorOutputLayer(v.acts, n, r);
            OutputLayer scalar = new ScalarOutputLayer(s.acts, n, r);
            long[] wv = new long[1];
            long[] ws = new long[1];
            String what = "call " + it + ", n " + n + ", r " + r;
            assertThat(Double.doubleToLongBits(vector.score(0, r, v.w, v.b, 0, v.labels, wv, 0))).as("loss, " + what)
                    .isEqualTo(Double.doubleToLongBits(scalar.score(0, r, s.w, s.b, 0, s.labels, ws, 0)));
            assertThat(wv[0]).as("errors, " + what).isEqualTo(ws[0]);
            vector.train(0, r, v.w, v.b, 0, v.labels, -0.1f / r, 0.1f);
            scalar.train(0, r, s.w, s.b, 0, s.labels, -0.1f / r, 0.1f);
            assertBits(v.w, s.w, "output weights, " + what);
            assertBits(v.b, s.b, "output biases, " + what);
            assertThat(v.acts).as("hidden delta, " + what).isEqualTo(s.acts);
        }
    }

    private static double[] logits(Block blk, double[] h) {
        int n = h.length;
        double[] z = new double[C];
        for (int c = 0; c < C; c++) {
            z[c] = blk.b[c];
            for (int j = 0; j < n; j++) {
                z[c] += blk.w[c * n + j] * h[j];
            }
        }
        return z;
    }

    private static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[C];
        for (int c = 0; c < C; c++) {
            p[c] = Math.exp(z[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < C; c++) {
            p[c] /= sum;
        }
        return p;
    }

    private static void assertBits(float[] x, float[] y, String what) {
        for (int i = 0; i < x.length; i++) {
            assertThat(Float.floatToIntBits(x[i])).as("%s, element %d: %s vs %s", what, i, x[i], y[i])
                    .isEqualTo(Float.floatToIntBits(y[i]));
        }
    }

    /** Networks' top pre-activations (feature-major, lead(r) per row), output weights and biases, labels. */
    private record Block(ByteBuffer acts, float[] w, float[] b, float[] labels, int n, int ld) {

        static Block random(Random rnd, int n, int r, int networks, boolean special) {
            int ld = BlockShape.lead(r);
            ByteBuffer acts = ByteBuffer.allocateDirect(4 * networks * n * ld).order(ByteOrder.nativeOrder());
            for (int q = 0; q < networks * n * ld; q++) {
                float v = (float) (rnd.nextGaussian() * 2);
                acts.putFloat(4 * q, special && q % 11 == 0 ? SPECIAL[rnd.nextInt(SPECIAL.length)] : v);
            }
            float[] w = new float[C * n];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) rnd.nextGaussian();
            }
            float[] b = new float[networks * C];
            for (int i = 0; i < b.length; i++) {
                b[i] = i % 4 == 0 ? 0.5f : (float) rnd.nextGaussian(); // equal biases: ties where all h are 0
            }
            float[] labels = new float[ld];
            for (int j = 0; j < ld; j++) {
                labels[j] = j < r ? rnd.nextInt(C) : -7f; // the padding lanes hold anything
            }
            return new Block(acts, w, b, labels, n, ld);
        }

        float z(int j, int row) {
            return acts.getFloat(4 * (j * ld + row));
        }

        Block copy() {
            ByteBuffer a = ByteBuffer.allocateDirect(acts.capacity()).order(ByteOrder.nativeOrder());
            for (int q = 0; q < acts.capacity(); q += 4) {
                a.putFloat(q, acts.getFloat(q));
            }
            return new Block(a, w.clone(), b.clone(), labels.clone(), n, ld);
        }
    }
}
