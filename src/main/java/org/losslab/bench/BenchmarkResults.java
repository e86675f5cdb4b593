package org.losslab.bench;

import java.util.ArrayList;
import java.util.List;
import org.losslab.bench.TrainingBenchmark.Result;

/** The results in the order they were measured: that order is the order of the printed {@code name value} lines. */
final class BenchmarkResults {

    private final List<Result> results = new ArrayList<>();

    void add(String name, double value, String unit) {
        results.add(new Result(name, value, unit));
    }

    /** The first result of that name (later measurements may repeat a name), NaN when there is none. */
    double value(String name) {
        return results.stream().filter(r -> r.name().equals(name)).mapToDouble(Result::value).findFirst()
                .orElse(Double.NaN);
    }

    List<Result> all() {
        return List.copyOf(results);
    }
}
