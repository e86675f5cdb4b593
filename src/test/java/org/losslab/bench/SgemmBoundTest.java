package org.losslab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SgemmBoundTest {

    @Test
    void theBoundCountsTheSameUsefulWorkAsTheProjection() {
        for (int width : Workload.SWEEP_WIDTHS) {
            double[] f = SgemmBound.flops(width, 8000, 3000);
            double all = TrainingBenchmark.trainFlops(100, width, 1) * 8000 + TrainingBenchmark.evalFlops(100, width, 1) * 3000;
            assertThat(f[0] + f[1] + f[2]).isCloseTo(all, within(1e-6 * all));
        }
        double[] f = SgemmBound.flops(25, 1, 0);
        assertThat(f).containsExactly(2.0 * 101 * 25, 2.0 * 101 * 25, 6.0 * 25 * 10);
        assertThat(SgemmBound.flops(25, 0, 1)).containsExactly(2.0 * 101 * 25, 0, 2.0 * 25 * 10);
    }

    @Test
    void forwardAndOutputFlopsRunAtTheForwardRateTheGradientAtItsOwn() {
        long evals = SweepProjection.trainEvaluations();
        assertThat(evals).isEqualTo(20); // epochs 10, 20, ..., 200
        double trained = 200.0 * 60_000;
        double evaluated = 200.0 * 10_000 + 20 * 60_000.0;
        double[] f = SgemmBound.flops(100, trained, evaluated);
        assertThat(SgemmBound.networkSeconds(100, 50, 25, evals))
                .isCloseTo((f[0] + f[2]) / 50e9 + f[1] / 25e9, within(1e-12));
        double all = f[0] + f[1] + f[2];
        assertThat(SgemmBound.networkSeconds(100, 40, 40, evals)).isCloseTo(all / 40e9, within(1e-9));
    }

    @Test
    void partitionsAreWidthsTimesBlocksOfRestarts() {
        List<Double> parts = SweepProjection.partitions(width -> width);
        assertThat(parts).hasSize(Workload.SWEEP_WIDTHS.length * Workload.SWEEP_RESTARTS / Workload.SWEEP_BLOCK);
        assertThat(parts.get(0)).isEqualTo(25.0 * Workload.SWEEP_BLOCK);
        assertThat(parts.stream().mapToDouble(Double::doubleValue).sum())
                .isEqualTo((25 + 50 + 100 + 250 + 500) * (double) Workload.SWEEP_RESTARTS);
    }
}
