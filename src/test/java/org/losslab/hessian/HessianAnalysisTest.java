package org.losslab.hessian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.losslab.training.PreparedData;

class HessianAnalysisTest {

    static final PreparedData DATA = HessianFixtures.data(300, 10);

    @Test
    void theLanczosPathAgreesWithTheExactPathOnTheSameNetwork() {
        HessianFixtures.Trained t = HessianFixtures.trained(DATA, 2, 5, 4, 2);
        HessianSettings settings = HessianSettings.DEFAULTS;
        try (TrainingSet set = TrainingSet.of(DATA)) {
            HessianResult exact = HessianAnalysis.analyse(t.shape(), t.theta(), set, settings, 5);
            HessianResult lanczos = HessianAnalysis.analyse(t.shape(), t.theta(), set, settings.withDenseLimit(100), 5);
            assertThat(exact.method()).isEqualTo(HessianMethod.EXACT);
            assertThat(lanczos.method()).isEqualTo(HessianMethod.LANCZOS);
            assertThat(exact.parameters()).isEqualTo(t.shape().parameterCount()).isEqualTo(exact.eigenvalues().length);
            assertThat(lanczos.eigenvalues()).isNull();
            assertThat(lanczos.loss()).isEqualTo(exact.loss());
            assertThat(lanczos.gradientNorm()).isEqualTo(exact.gradientNorm());
            assertThat(Math.abs(lanczos.lambdaMax() - exact.lambdaMax())).isLessThan(1e-6 * exact.lambdaMax());
            assertThat(Math.abs(lanczos.lambdaMin() - exact.lambdaMin())).isLessThan(1e-6 * -exact.lambdaMin());
            assertThat(lanczos.negativeLowerBound()).isLessThanOrEqualTo(exact.negativeCount());
            double truth = exact.negativeFraction().value();
            assertThat(Math.abs(lanczos.negativeFraction().value() - truth))
                    .isLessThanOrEqualTo(lanczos.negativeFraction().error());
            assertThat(lanczos.productCount()).isPositive();
            assertThat(exact.cpuSeconds()).isPositive();
        }
    }

    @Test
    void theSameSeedGivesTheSameResultBitForBit() {
        HessianFixtures.Trained t = HessianFixtures.trained(DATA, 1, 4, 3, 1);
        HessianSettings lanczos = HessianSettings.DEFAULTS.withDenseLimit(0);
        try (TrainingSet set = TrainingSet.of(DATA)) {
            HessianResult a = HessianAnalysis.analyse(t.shape(), t.theta(), set, lanczos, 8);
            HessianResult b = HessianAnalysis.analyse(t.shape(), t.theta(), set, lanczos, 8);
            assertThat(a.density().nodes()).isDeepEqualTo(b.density().nodes());
            assertThat(a.lambdaMin()).isEqualTo(b.lambdaMin());
            assertThat(a.negativeFraction()).isEqualTo(b.negativeFraction());
        }
    }

    @Test
    void refusesParametersThatDoNotFitTheNetworkOrAreNotFinite() {
        MlpShape shape = MlpShape.of(100, 1, 3);
        try (TrainingSet set = TrainingSet.of(DATA)) {
            assertThatThrownBy(() -> HessianAnalysis.analyse(shape, new double[10], set, HessianSettings.DEFAULTS, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10 values");
            double[] nan = new double[shape.parameterCount()];
            nan[3] = Double.NaN;
            assertThatThrownBy(() -> HessianAnalysis.analyse(shape, nan, set, HessianSettings.DEFAULTS, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");
            assertThatThrownBy(() -> shape.decode(new byte[8]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 values");
            MlpShape wrongInputs = MlpShape.of(50, 1, 3);
            assertThatThrownBy(() -> MlpLoss.loss(wrongInputs, new double[wrongInputs.parameterCount()], set))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100 features");
        }
    }

    @Test
    void layoutIsDl4jsFlattenedVector() {
        MlpShape s = MlpShape.of(100, 2, 25);
        assertThat(MlpShape.of(100, 1, 25).parameterCount()).isEqualTo(2785);
        assertThat(s.parameterCount()).isEqualTo(100 * 25 + 25 + 25 * 25 + 25 + 25 * 10 + 10);
        assertThat(s.index(1, 3, 2)).isEqualTo(3 + 2 * 100);
        assertThat(s.index(1, 100, 2)).as("bias of unit 2").isEqualTo(2500 + 2);
        assertThat(s.index(2, 4, 1)).isEqualTo(2525 + 4 + 25);
        assertThat(s.index(3, 25, 9)).isEqualTo(s.parameterCount() - 1);
    }
}
