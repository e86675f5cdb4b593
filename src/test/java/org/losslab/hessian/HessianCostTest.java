package org.losslab.hessian;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HessianCostTest {

    @Test
    void theSettingsChooseThePathAndTheDenseMatrixDominatesItsMemory() {
        HessianSettings s = HessianSettings.DEFAULTS;
        HessianCost n25 = HessianCost.of(MlpShape.of(100, 1, 25), 60_000, s);
        assertThat(n25.method()).isEqualTo(HessianMethod.EXACT);
        assertThat(n25.bytes()).isBetween(DenseHessian.matrixBytes(2785), 3 * DenseHessian.matrixBytes(2785));
        assertThat(n25.flops()).as("the (1,1) block alone: 2·60000·5151·325").isGreaterThan(2.0e11).isLessThan(5e11);
        HessianCost n500 = HessianCost.of(MlpShape.of(100, 1, 500), 60_000, s);
        assertThat(n500.method()).isEqualTo(HessianMethod.LANCZOS);
        assertThat(n500.products()).isEqualTo(s.lanczosSteps() + s.slqProbes() * s.slqSteps());
        assertThat(n500.bytes()).as("Lanczos bases").isGreaterThan(8L * (300 + 4 * 80) * 55_510);
        assertThat(HessianCost.productFlops(MlpShape.of(100, 1, 500), 60_000)).isEqualTo(6.0 * 60_000 * 100 * 500
                + 16.0 * 60_000 * 500 * 10);
        assertThat(HessianCost.of(MlpShape.of(100, 2, 25), 60_000, s).method()).as("3,435 parameters")
                .isEqualTo(HessianMethod.LANCZOS);
    }
}
