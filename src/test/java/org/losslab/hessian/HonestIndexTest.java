package org.losslab.hessian;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.losslab.training.PreparedData;

/** The "zero eigenvalue" and "not critical" rules on constructed cases whose answers are known. */
class HonestIndexTest {

    static final PreparedData DATA = HessianFixtures.data(200, 10);

    /**
     * All weights zero: every hidden unit sits at z = 0 (inactive), the logits are the output biases;
     * with b = log(class frequencies) the softmax equals the label frequencies and the gradient vanishes.
     * The Hessian is then diag(π) − ππᵀ on the output biases (rank 9) and zero elsewhere: index 0,
     * P − 9 zero eigenvalues, some of which rounding would otherwise push below zero.
     */
    @Test
    void anExactCriticalPointHasIndexZeroAndItsFlatDirectionsCountAsZero() {
        MlpShape shape = MlpShape.of(100, 1, 6);
        double[] theta = new double[shape.parameterCount()];
        double[] freq = frequencies();
        for (int c = 0; c < 10; c++) {
            theta[shape.biasOffset(2) + c] = Math.log(freq[c]);
        }
        try (TrainingSet set = TrainingSet.of(DATA)) {
            HessianResult r = HessianAnalysis.analyse(shape, theta, set, HessianSettings.DEFAULTS, 1);
            assertThat(r.gradientNorm()).isLessThan(1e-15);
            assertThat(r.critical()).isTrue();
            assertThat(r.index()).hasValue(0);
            assertThat(r.zeroCount()).isEqualTo(shape.parameterCount() - 9);
            assertThat(r.method()).isEqualTo(HessianMethod.EXACT);
        }
    }

    @Test
    void aPointWithALargeGradientIsNotCriticalAndClaimsNoIndex() {
        MlpShape shape = MlpShape.of(100, 1, 6);
        double[] theta = new double[shape.parameterCount()];
        try (TrainingSet set = TrainingSet.of(DATA)) {
            HessianResult r = HessianAnalysis.analyse(shape, theta, set, HessianSettings.DEFAULTS, 1);
            assertThat(r.gradientNorm()).isGreaterThan(HessianSettings.DEFAULTS.criticalGradientNorm());
            assertThat(r.critical()).isFalse();
            assertThat(r.index()).isEmpty();
            assertThat(r.indexFraction()).isNaN();
            assertThat(r.negativeCount()).as("the spectrum is still described").isZero();
        }
    }

    @Test
    void theGradientThresholdDecidesCriticality() {
        HessianFixtures.Trained t = HessianFixtures.trained(DATA, 1, 5, 1, 2);
        try (TrainingSet set = TrainingSet.of(DATA)) {
            double g = MlpLoss.lossAndGradient(t.shape(), t.theta(), set).gradientNorm();
            HessianSettings above = withCritical(g * 1.01);
            HessianSettings below = withCritical(g * 0.99);
            assertThat(HessianAnalysis.analyse(t.shape(), t.theta(), set, above, 1).index()).isPresent();
            assertThat(HessianAnalysis.analyse(t.shape(), t.theta(), set, below, 1).index()).isEmpty();
        }
    }

    /**
     * A spectrum with 20 exact zeros: LAPACK returns them as ±rounding, so counting strictly below 0
     * would report too many negatives; the tolerance band counts them as zero and nothing else.
     */
    @Test
    void exactZerosComputedWithRoundingCountAsZeroNotNegative() {
        double[] negatives = {-3, -2, -1, -0.5, -0.25, -0.1, -0.05};
        double[] lambda = LanczosTest.spectrum(negatives, 20, KnownSpectrum.spread(173, 0.01, 9, 3));
        KnownSpectrum op = new KnownSpectrum(lambda, 12);
        int n = lambda.length;
        double[] ev;
        try (DoubleBlock a = DoubleBlock.of(op.dense()); DoubleBlock values = new DoubleBlock(n)) {
            Blas.symmetricEigen(a.pointer, n, false, values.pointer);
            ev = new double[n];
            values.copyTo(0, ev, 0, n);
        }
        double norm = Math.max(-ev[0], ev[n - 1]);
        long[] strict = HessianAnalysis.counts(ev, 0.0);
        long[] banded = HessianAnalysis.counts(ev, HessianSettings.DEFAULTS.zeroTolerance() * norm);
        assertThat(strict[0]).as("rounding alone makes exact zeros negative").isGreaterThan(negatives.length);
        assertThat(banded).containsExactly(negatives.length, 20, n - 27);
    }

    private static double[] frequencies() {
        double[] f = new double[10];
        for (int y : DATA.trainY()) {
            f[y] += 1.0 / DATA.trainCount();
        }
        return f;
    }

    private static HessianSettings withCritical(double g) {
        HessianSettings d = HessianSettings.DEFAULTS;
        return new HessianSettings(d.denseLimit(), d.zeroTolerance(), g, d.lanczosSteps(), d.lanczosTolerance(),
                d.slqProbes(), d.slqSteps(), d.slqBlock());
    }
}
