package org.losslab.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslab.bench.TrainingBenchmark.Result;

/**
 * The medians of a benchmark run several times in one process ({@code bench … --repeat N}). On a shared or
 * virtual machine one run's rates can be off by a third (docs/performance.md), more than most levers, so a
 * target is decided on the median of the runs, with the runs' range beside it. Each value is the median of
 * that name's values over the runs (ratios such as {@code gemm_efficiency_*} too: each run's ratio is of two
 * figures measured minutes apart, which is the pairing that cancels the machine's slow drifts).
 */
public final class RepeatedRuns {

    /** The names printed in the summary table: the targets of the training benchmark (issue #16). */
    private static final List<String> TARGETS = List.of("gemm_efficiency_25", "gemm_efficiency_100",
            "gemm_efficiency_500", "sweep_hours_mnist_full", "sweep_hours_mnist_full_sgemm_bound",
            "sweep_cpu_hours_mnist_full", "two_trainer_scaling", "checkpoint_export_share_25",
            "checkpoint_export_share_100", "checkpoint_export_share_500", "speedup_vs_mln_25", "speedup_vs_mln_100",
            "sgemm_gflops_2048");

    private RepeatedRuns() {
    }

    /**
     * Per name, in the order of first appearance: the median over the runs that have it, plus
     * {@code <name>_min} and {@code <name>_max} when the runs differ, and {@code repeats}. A name measured twice in one run keeps its
     * first value, as {@link BenchmarkResults#value} does. NaN values are left out of the median.
     */
    public static List<Result> medians(List<List<Result>> runs) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        for (List<Result> run : runs) {
            Map<String, Double> first = new LinkedHashMap<>();
            for (Result r : run) {
                first.putIfAbsent(r.name(), r.value());
                units.putIfAbsent(r.name(), r.unit());
            }
            first.forEach((name, v) -> values.computeIfAbsent(name, n -> new ArrayList<>()).add(v));
        }
        List<Result> out = new ArrayList<>();
        values.forEach((name, vs) -> {
            double[] finite = vs.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).sorted().toArray();
            String unit = units.get(name);
            out.add(new Result(name, median(finite), unit + " (median of " + finite.length + " runs)"));
            if (finite.length > 1 && finite[0] != finite[finite.length - 1]) {
                out.add(new Result(name + "_min", finite[0], unit));
                out.add(new Result(name + "_max", finite[finite.length - 1], unit));
            }
        });
        out.add(new Result("repeats", runs.size(), "runs"));
        return out;
    }

    /** The median of sorted values (the mean of the middle two for an even count), NaN when there are none. */
    static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * Prints the targets' medians, ranges and per-run values, then every median as a {@code name value} line
     * (after each run's own lines, so the last value of a name is its median).
     */
    public static void print(List<List<Result>> runs, List<Result> medians, PrintStream out) {
        Map<String, Double> m = new LinkedHashMap<>();
        medians.forEach(r -> m.put(r.name(), r.value()));
        out.println();
        out.printf("medians of %d runs (min – max; each run):%n", runs.size());
        for (String name : TARGETS) {
            if (m.containsKey(name)) {
                double[] each = runs.stream().mapToDouble(run -> run.stream().filter(r -> r.name().equals(name))
                        .mapToDouble(Result::value).findFirst().orElse(Double.NaN)).toArray();
                out.printf("  %-38s %9.3f  (%s – %s; %s)%n", name, m.get(name), fmt(m.get(name + "_min"), m.get(name)),
                        fmt(m.get(name + "_max"), m.get(name)), Arrays.toString(Arrays.stream(each)
                                .mapToObj(v -> String.format("%.3f", v)).toArray()).replaceAll("[\\[\\]]", ""));
            }
        }
        out.println();
        for (Result r : medians) {
            out.println(r.name() + " " + r.value());
        }
    }

    private static String fmt(Double v, double fallback) {
        return String.format("%.3f", v == null ? fallback : v);
    }
}
