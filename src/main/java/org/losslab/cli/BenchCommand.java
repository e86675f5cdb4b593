package org.losslab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.losslab.BadInputException;
import org.losslab.ExitCodes;
import org.losslab.bench.HessianBench;
import org.losslab.bench.RegionsBenchmark;
import org.losslab.bench.RepeatedRuns;
import org.losslab.bench.TrainingBenchmark;
import org.losslab.data.InvalidDataException;
import org.losslab.pipeline.NumericsEnvironment;
import org.losslab.store.Provenance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code losslab bench training|regions|hessian [--quick] [--repeat N]}: the training benchmark (issue 5), the region
 * sampling benchmark (issue 3, {@link RegionsBenchmark}) or the Hessian-vector product rate (issue 19,
 * {@link HessianBench}) on this machine: a table for people, then
 * {@code name value} lines; the results are also stored with machine and provenance in
 * {@code benchmark_run}/{@code benchmark_result} so performance can be tracked over time.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the trainers, the region sampling or the Hessian products on this machine.")
class BenchCommand implements Callable<Integer> {

    /** More runs than this is a typo: twenty full training runs already take about an hour. */
    private static final int MAX_REPEATS = 20;

    @Parameters(index = "0", paramLabel = "WHAT", description = "What to benchmark: training, regions, hessian.")
    String what;

    @Option(names = "--quick", description = "A reduced run (a few minutes).")
    boolean quick;

    @Option(names = "--no-store", description = "Do not store the results in the database.")
    boolean noStore;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Run the benchmark N times (1-20) in this process and report the medians, with each run's"
                    + " values beside them (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--data", paramLabel = "DIR",
            description = "MNIST directory (default: data/mnist-10k under the working directory or LOSSLAB_HOME).")
    Path data;

    @Override
    public Integer call() {
        if (!List.of("training", "regions", "hessian").contains(what)) {
            System.err.println("losslab: bench: unknown benchmark '" + what + "' (known: training, regions, hessian)");
            return ExitCodes.USAGE;
        }
        if (repeat < 1 || repeat > MAX_REPEATS) {
            System.err.println("losslab: bench: --repeat " + repeat + " is outside 1.." + MAX_REPEATS);
            return ExitCodes.USAGE;
        }
        int omp = NumericsEnvironment.configure();
        List<List<TrainingBenchmark.Result>> runs = new ArrayList<>();
        for (int i = 1; i <= repeat; i++) {
            if (repeat > 1) {
                System.out.printf("%n== run %d of %d%n", i, repeat);
            }
            runs.add(runOnce());
        }
        List<TrainingBenchmark.Result> results = runs.get(0);
        if (repeat > 1) {
            results = RepeatedRuns.medians(runs);
            RepeatedRuns.print(runs, results, System.out);
        }
        if (!noStore) {
            try (ConfigurableApplicationContext ctx = ApplicationContexts.open()) {
                store(ctx.getBean(JdbcTemplate.class), results, omp);
            }
        }
        return ExitCodes.OK;
    }

    private List<TrainingBenchmark.Result> runOnce() {
        try {
            return switch (what) {
                case "training" -> data == null ? TrainingBenchmark.run(quick, System.out)
                        : TrainingBenchmark.run(quick, System.out, data);
                case "hessian" -> HessianBench.run(quick, System.out, data);
                default -> RegionsBenchmark.run(quick, System.out, data);
            };
        } catch (InvalidDataException e) {
            throw new BadInputException(e.getMessage(), e); // the MNIST files of --data (or data/mnist-10k)
        }
    }

    private void store(JdbcTemplate jdbc, List<TrainingBenchmark.Result> results, int omp) {
        Provenance p = Provenance.current();
        Long id = jdbc.queryForObject("""
                INSERT INTO benchmark_run (benchmark, quick, host, cores, code_version, git_commit, nd4j_backend,
                    nd4j_classifier, omp_threads, java_version, openblas_coretype, batched_path)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                RETURNING benchmark_run_id""", Long.class, what, quick, p.host(), Runtime.getRuntime().availableProcessors(),
                p.codeVersion(), p.gitCommit(), p.nd4jBackend(), p.nd4jClassifier(), omp, p.javaVersion(),
                p.openblasCoretype(), p.batchedPath());
        for (TrainingBenchmark.Result r : results) {
            jdbc.update("INSERT INTO benchmark_result (benchmark_run_id, name, value, unit) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT DO NOTHING", id, r.name(), r.value(), r.unit());
        }
        System.out.println("stored as benchmark_run " + id);
    }
}
