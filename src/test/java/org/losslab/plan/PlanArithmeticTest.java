package org.losslab.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.losslab.spec.JobSpec;

/** The projection's arithmetic: rates, CPU and wall time, totals, the limit, and rates from stored results. */
class PlanArithmeticTest {

    static final MachineRates RATES = new MachineRates(new int[] {25, 100, 500}, new double[] {2, 4, 8},
            new double[] {0.1, 0.2, 0.4}, 0.5, 1.6, 2, "test");

    @Test
    void ratesAreInterpolatedInLogWidthAndConstantBeyond() {
        assertThat(RATES.gflops(Work.Kernel.BATCHED, 25)).isEqualTo(2);
        assertThat(RATES.gflops(Work.Kernel.BATCHED, 10)).isEqualTo(2);
        assertThat(RATES.gflops(Work.Kernel.BATCHED, 50)).isCloseTo(3, within(1e-12)); // log 50 is halfway 25..100
        assertThat(RATES.gflops(Work.Kernel.BATCHED, 5000)).isEqualTo(8);
        assertThat(RATES.gflops(Work.Kernel.DL4J, 100)).isEqualTo(0.2);
        assertThat(RATES.gflops(Work.Kernel.DENSE, 3)).isEqualTo(8);
    }

    @Test
    void speedupIsTheCoreShareTimesTheMeasuredScalingAndNeverMoreThreadsThanCores() {
        assertThat(RATES.speedup(1)).isEqualTo(0.5);
        assertThat(RATES.speedup(2)).isCloseTo(0.5 * 1.6, within(1e-12));
        assertThat(RATES.speedup(8)).isEqualTo(RATES.speedup(2));
    }

    @Test
    void cpuTimeIsFlopsOverRatePlusFixedTimeAndWallTimeDividesItAmongConcurrentPartitions() {
        Work w = new Work("w", 8e9, Work.Kernel.BATCHED, 500, 4, 1);
        assertThat(w.cpuSeconds(RATES)).isCloseTo(2, within(1e-12));
        StageEstimate s = new StageEstimate("train", "s", List.of(w, w), 0, 0, 0);
        assertThat(s.cpuSeconds(RATES)).isCloseTo(4, within(1e-12));
        assertThat(s.wallSeconds(RATES, 2)).isCloseTo(4 / 0.8, within(1e-12));
        assertThat(s.wallSeconds(RATES, 1)).isCloseTo(4 / 0.5, within(1e-12));
        // one partition cannot be shared between threads: its own time bounds the wall time
        StageEstimate one = new StageEstimate("x", "s", List.of(new Work("one", 8e9, Work.Kernel.DENSE, 1, 1, 0)), 0, 0, 0);
        assertThat(one.wallSeconds(RATES, 2)).isCloseTo(1 / 0.5, within(1e-12));
    }

    @Test
    void totalsAddStagesUpAndThePeakIsTheLargestStage() {
        RunPlan plan = plan(1000, new StageEstimate("a", "a", List.of(new Work("a", 8e9, Work.Kernel.DENSE, 1, 1, 0)),
                        100, 10, 1),
                new StageEstimate("b", "b", List.of(new Work("b", 16e9, Work.Kernel.DENSE, 1, 1, 0)), 300, 20, 2));
        assertThat(plan.cpuSeconds()).isCloseTo(3, within(1e-12));
        assertThat(plan.wallSeconds()).isCloseTo(6, within(1e-12));
        assertThat(plan.peakMemory()).isEqualTo(300);
        assertThat(plan.dbBytes()).isEqualTo(30);
        assertThat(plan.dbRows()).isEqualTo(3);
        assertThat(plan.lines()).first().asString().startsWith("plan: t (spec ").contains("rates from test");
        assertThat(plan.lines()).last().asString().contains("total: cpu 3.0 s, wall 6.0 s");
    }

    @Test
    void aProjectionAboveMaxCpuHoursIsRefusedNamingTheKey() {
        StageEstimate big = new StageEstimate("train", "huge", List.of(new Work("w", 8e9 * 3600 * 2, Work.Kernel.DENSE,
                1, 1, 0)), 0, 0, 0);
        plan(2.5, big).checkLimits(); // 2 h of CPU under a 2.5 h limit
        assertThatThrownBy(() -> plan(1.5, big).checkLimits()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("plan.max_cpu_hours=1.5: the run is projected to take 2.0 h of CPU time (train: huge)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void storedBenchmarkResultsGiveRatesAndAMissingResultGivesNone() {
        Map<String, Double> v = new java.util.HashMap<>(Map.of("batched_gflops_25", 3.0, "batched_gflops_100", 5.0,
                "batched_gflops_500", 9.0, "mln_gflops_25", 0.05, "mln_gflops_100", 0.1, "mln_gflops_500", 1.0,
                "two_trainer_scaling", 1.7, "batched_net_examples_per_s_wall_100", 50.0,
                "batched_net_examples_per_s_100", 100.0));
        MachineRates r = StoredBenchmark.rates(v, 2, "run 1").orElseThrow();
        assertThat(r.gflops(Work.Kernel.BATCHED, 100)).isEqualTo(5);
        assertThat(r.gflops(Work.Kernel.DL4J, 500)).isEqualTo(1);
        assertThat(r.coreShare()).isEqualTo(0.5);
        assertThat(r.twoThreadScaling()).isEqualTo(1.7);
        v.remove("mln_gflops_100");
        assertThat(StoredBenchmark.rates(v, 2, "run 1")).isEmpty();
    }

    @Test
    void theDl4jSlowdownFollowsTheMeasuredSpeedups() {
        assertThat(Calibration.slowdown(10)).isEqualTo(87);
        assertThat(Calibration.slowdown(25)).isEqualTo(87);
        assertThat(Calibration.slowdown(100)).isEqualTo(39);
        assertThat(Calibration.slowdown(500)).isEqualTo(9);
        assertThat(Calibration.slowdown(5000)).isEqualTo(9);
        assertThat(Calibration.slowdown(50)).isBetween(39.0, 87.0);
    }

    @Test
    void badRatesAndWorkAreRefused() {
        assertThatThrownBy(() -> new MachineRates(new int[] {25}, new double[] {0}, new double[] {1}, 1, 2, 2, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Work("w", -1, Work.Kernel.DENSE, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PlanInputs(null, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    static RunPlan plan(double maxCpuHours, StageEstimate... stages) {
        JobSpec spec = JobSpec.fromText("test", "name: t\nseed: 1\ntheory: {p: [3]}\nplan: {max_cpu_hours: "
                + maxCpuHours + "}\n");
        return new RunPlan(spec, new PlanInputs(null, 2), new MachineRates(new int[] {100}, new double[] {8},
                new double[] {1}, 0.5, 2, 2, "test"), List.of(stages));
    }

    @Test
    void calibrationMeasuresEveryWidthWithWarmKernels() {
        // each width has kernels of its own that start cold (n1 <= 32 fused, wider row-major): 30x slower at first
        double[] cold = {3.0, 1.0, 0.3};
        Map<Integer, Integer> calls = new java.util.HashMap<>();
        MachineRates rates = Calibration.measure((width, k) -> {
            int n = calls.merge(width, 1, Integer::sum);
            double cpu = n <= cold.length ? cold[n - 1] : 0.1;
            return new double[] {cpu, cpu};
        });
        for (int i = 0; i < Calibration.WIDTHS.length; i++) {
            int width = Calibration.WIDTHS[i];
            double warm = Calibration.NETWORKS * org.losslab.bench.TrainingBenchmark.flopsPerNetworkEpoch(
                    Calibration.FEATURES, width, 1, Calibration.TRAIN, Calibration.TRAIN + Calibration.TEST) / 0.1 / 1e9;
            assertThat(rates.gflops(Work.Kernel.BATCHED, width)).as("n1=%d", width).isCloseTo(warm, within(warm * 1e-12));
        }
        assertThat(rates.coreShare()).isEqualTo(1.0);
    }
}
