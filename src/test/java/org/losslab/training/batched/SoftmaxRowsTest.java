package org.losslab.training.batched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The fused softmax kernels against the textbook formulas in double precision. */
class SoftmaxRowsTest {

    @Test
    void expIsWithinTwoUlpOfMathExpOverTheWholeRangeTheKernelsUse() {
        for (float x = 0f; x > -87f; x -= 0.000731f) {
            double exact = Math.exp(x);
            assertThat((double) SoftmaxRows.exp(x)).as("exp(%s)", x).isCloseTo(exact, within(2.5 * Math.ulp((float) exact)));
        }
        assertThat(SoftmaxRows.exp(0f)).isEqualTo(1f);
        assertThat(SoftmaxRows.exp(-100f)).isZero();
        assertThat(SoftmaxRows.exp(Float.NEGATIVE_INFINITY)).isZero();
        assertThat(SoftmaxRows.exp(Float.NaN)).isNaN();
    }

    @Test
    void softmaxAndCrossEntropyMatchTheDefinitions() {
        float[] z = {2.5f, -1f, 0.25f, 7f, 3f, -30f, 0f, 6.9f, 1f, -2f};
        double norm = 0;
        for (float v : z) {
            norm += Math.exp(v);
        }
        for (int label = 0; label < z.length; label++) {
            assertThat(SoftmaxRows.crossEntropy(z, 0, 7f, label)).isCloseTo(Math.log(norm) - z[label], within(1e-6));
        }
        float[] p = z.clone();
        SoftmaxRows.softmax(p, 0);
        for (int c = 0; c < z.length; c++) {
            assertThat((double) p[c]).isCloseTo(Math.exp(z[c]) / norm, within(1e-7));
        }
        float[] diverged = z.clone();
        diverged[4] = Float.NaN;
        SoftmaxRows.softmax(diverged, 0);
        assertThat(diverged[0]).isNaN();
    }
}
