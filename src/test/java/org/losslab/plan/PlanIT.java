package org.losslab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.cli.Main;
import org.losslab.data.MnistShape;
import org.losslab.pipeline.NumericsEnvironment;
import org.losslab.spec.JobSpec;
import org.losslab.support.TestDatabase;

/**
 * The plan against the database and against reality (docs/operations.md "The plan"): a dry run prints
 * the paper split and a projection and writes nothing (no relation in a fresh database, no row in a used
 * one, no report); it needs no database; absurd work is refused with one line naming the key; and a small
 * run's measured train step takes within {@value #FACTOR}× of its projection.
 */
class PlanIT {

    /** The stated accuracy of a projection (docs/performance.md "Projections"). */
    static final double FACTOR = 3;

    @TempDir
    static Path tmp;
    static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create().useInProcess();
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void aDryRunOfThePaperSpecPrintsTheStandardSplitAndAProjectionAndWritesNothing() throws Exception {
        List<String> reportsBefore = reports();
        Run r = run("run", "jobs/choromanska2015.yaml", "--set", "data.dir=data/mnist", "--dry-run");
        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.err).contains("60000 / 10000", "plan: train", "5 widths [25, 50, 100, 250, 500] x 1000 restarts",
                "plan: total: cpu ").containsPattern("wall [0-9.,]+ (s|min|h) on this machine");
        assertThat(r.out).doesNotContain("plan:");
        assertThat(relations(db)).as("no table, sequence or view").isZero();
        assertThat(reports()).isEqualTo(reportsBefore);
    }

    @Test
    void aDryRunNeedsNoDatabase() {
        System.setProperty("LOSSLAB_DB_URL", "jdbc:postgresql://127.0.0.1:1/no_database");
        try {
            Run r = run("run", "jobs/quickstart.yaml", "--dry-run");
            assertThat(r.exit).as(r.err).isZero();
            assertThat(r.err).contains("rates from calibration now", "8000 / 2000");
        } finally {
            db.useInProcess();
        }
    }

    /**
     * A fresh JVM, as every launcher command is, calibrates with compiled kernels: one warm-up epoch left the
     * Vector API kernels boxed, and the plan priced n1 = 25 at 1.5 GFLOP/s against 40 at n1 = 200 (a 26-fold
     * gap; the trainer itself runs n1 = 25 at about 0.7 times its n1 = 500 rate, docs/performance.md).
     */
    @Test
    void aFreshProcessCalibratesWithCompiledKernels(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path log = tmp.resolve("plan.log");
        int exit = org.losslab.support.LosslabProcess.run("jdbc:postgresql://127.0.0.1:1/no_database", "postgres", log,
                java.util.Map.of(), "run", "jobs/choromanska2015.yaml", "--set", "data.dir=data/mnist", "--dry-run");
        String out = java.nio.file.Files.readString(log);
        assertThat(exit).as(out).isZero();
        double narrow = rate(out, 25);
        double wide = rate(out, 500);
        assertThat(narrow).as("calibrated GFLOP/s at n1 = 25 against n1 = 500: %s", out).isGreaterThan(wide / 5);
    }

    private static double rate(String planOutput, int width) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("- n1=" + width + ": .* at ([0-9.]+) GFLOP/s")
                .matcher(planOutput);
        assertThat(m.find()).as("a rate for n1 = %d in %s", width, planOutput).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void absurdWorkIsRefusedInOneLineNamingTheKeyBeforeAnythingIsWritten() throws Exception {
        Run r = run("run", "jobs/quickstart.yaml", "--set", "training.restarts=1000000", "--set", "training.epochs=100000");
        assertThat(r.exit).as(r.err).isEqualTo(2);
        List<String> errors = r.err.lines().filter(l -> l.startsWith("losslab:")).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).startsWith("losslab: plan.max_cpu_hours=10000: the run is projected to take ");
        assertThat(relations(db)).isZero();
    }

    @Test
    void aSmallRunTakesWithinAFactorOfItsProjectionAndALaterDryRunAddsNoRow() throws Exception {
        try (TestDatabase used = TestDatabase.create().useInProcess()) {
            Path spec = Files.writeString(tmp.resolve("plan-check.yaml"), """
                    name: plan-check
                    seed: 7
                    data: {dir: data/mnist-10k}
                    training: {hidden_widths: [50, 100], restarts: 32, epochs: 4, learning_rate: 0.1, block_size: 16,
                               data_order: shared}
                    """);
            NumericsEnvironment.configure();
            MachineRates rates = Calibration.measure();
            JobSpec job = JobSpec.load(spec, List.of());
            int threads = NumericsEnvironment.partitionThreads();
            RunPlan plan = RunPlan.of(job, new PlanInputs(MnistShape.read(Path.of("data/mnist-10k"), 2000), threads), rates);
            double projected = plan.stage("train").wallSeconds(rates, threads);

            Run r = run("run", spec.toString());
            assertThat(r.exit).as(r.err).isZero();
            double measured;
            try (Connection c = used.connect(); ResultSet rs = c.createStatement().executeQuery(
                    "SELECT extract(epoch FROM end_time - start_time) FROM batch_step_execution WHERE step_name = 'train'")) {
                assertThat(rs.next()).isTrue();
                measured = rs.getDouble(1);
            }
            System.out.printf("plan check: train step projected %.1f s (%s), measured %.1f s, ratio %.2f%n", projected,
                    rates.source(), measured, measured / projected);
            assertThat(measured / projected).as("measured %.1f s / projected %.1f s", measured, projected)
                    .isBetween(1 / FACTOR, FACTOR);

            Map<String, Long> before = rowCounts(used);
            Run dry = run("run", spec.toString(), "--dry-run");
            assertThat(dry.exit).as(dry.err).isZero();
            assertThat(rowCounts(used)).isEqualTo(before);
            deleteReports("plan-check-");
        } finally {
            db.useInProcess();
        }
    }

    record Run(int exit, String out, String err) {
    }

    static synchronized Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            err.print(e.toString(StandardCharsets.UTF_8));
        }
    }

    static long relations(TestDatabase d) throws SQLException {
        try (Connection c = d.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', "
                + "'pg_toast')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Rows of every table of the public schema. */
    static Map<String, Long> rowCounts(TestDatabase d) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = d.connect()) {
            List<String> tables = new java.util.ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM \"" + t + "\"")) {
                    rs.next();
                    out.put(t, rs.getLong(1));
                }
            }
        }
        assertThat(out).isNotEmpty();
        return out;
    }

    static List<String> reports() throws IOException {
        Path dir = Path.of("reports");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(Path::toString).sorted().toList();
        }
    }

    static void deleteReports(String prefix) throws IOException {
        for (String r : reports()) {
            if (Path.of(r).getFileName().toString().startsWith(prefix)) {
                try (Stream<Path> walk = Files.walk(Path.of(r))) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
