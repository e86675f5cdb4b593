package org.losslab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.losslab.bench.TrainingBenchmark.Result;

/** Medians and ranges of repeated benchmark runs ({@code bench … --repeat N}). */
class RepeatedRunsTest {

    private static Result r(String name, double value) {
        return new Result(name, value, "h");
    }

    private static Map<String, Double> byName(List<Result> results) {
        return results.stream().collect(Collectors.toMap(Result::name, Result::value));
    }

    @Test
    void eachNameGetsItsMedianAndRangeInTheOrderFirstMeasured() {
        List<List<Result>> runs = List.of(
                List.of(r("sweep_hours_mnist_full", 9.7), r("gemm_efficiency_25", 0.45), r("gemm_efficiency_25", 9)),
                List.of(r("sweep_hours_mnist_full", 10.5), r("gemm_efficiency_25", 0.48)),
                List.of(r("sweep_hours_mnist_full", 9.5), r("gemm_efficiency_25", 0.48)));
        List<Result> m = RepeatedRuns.medians(runs);
        Map<String, Double> v = byName(m);
        assertThat(v.get("sweep_hours_mnist_full")).isEqualTo(9.7);
        assertThat(v.get("sweep_hours_mnist_full_min")).isEqualTo(9.5);
        assertThat(v.get("sweep_hours_mnist_full_max")).isEqualTo(10.5);
        assertThat(v.get("gemm_efficiency_25")).as("a name repeated within a run keeps its first value").isEqualTo(0.48);
        assertThat(v.get("gemm_efficiency_25_max")).isEqualTo(0.48);
        assertThat(v.get("repeats")).isEqualTo(3.0);
        assertThat(m.get(0).name()).isEqualTo("sweep_hours_mnist_full");
        assertThat(m.get(0).unit()).isEqualTo("h (median of 3 runs)");
    }

    @Test
    void evenCountsAverageTheMiddleTwoAndNaNIsLeftOut() {
        List<List<Result>> runs = List.of(List.of(r("x", 1)), List.of(r("x", 4)), List.of(r("x", Double.NaN)),
                List.of(r("x", 2), r("only_here", 7)));
        Map<String, Double> v = byName(RepeatedRuns.medians(runs));
        assertThat(v.get("x")).isEqualTo(2.0);
        assertThat(v.get("x_min")).isEqualTo(1.0);
        assertThat(v.get("only_here")).isEqualTo(7.0);
        assertThat(v).doesNotContainKey("only_here_min");
        Map<String, Double> same = byName(RepeatedRuns.medians(List.of(List.of(r("k", 250)), List.of(r("k", 250)))));
        assertThat(same).containsEntry("k", 250.0).doesNotContainKeys("k_min", "k_max");
        assertThat(RepeatedRuns.median(new double[] {1, 2, 3, 10})).isEqualTo(2.5);
        assertThat(RepeatedRuns.median(new double[0])).isNaN();
    }

    @Test
    void theSummaryShowsEachTargetsRunsAndEndsWithTheMedianLines() {
        List<List<Result>> runs = List.of(List.of(r("gemm_efficiency_25", 0.5)), List.of(r("gemm_efficiency_25", 0.7)),
                List.of(r("gemm_efficiency_25", 0.6)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RepeatedRuns.print(runs, RepeatedRuns.medians(runs), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("medians of 3 runs").containsPattern("gemm_efficiency_25 +0\\.600 +\\(0\\.500 – 0\\.700; 0\\.500, 0\\.700, 0\\.600\\)");
        assertThat(out.strip().lines().reduce((a, b) -> b)).hasValue("repeats 3.0");
    }
}
