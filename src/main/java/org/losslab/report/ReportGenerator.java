package org.losslab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.losslab.faults.Faults;
import org.losslab.spec.JobSpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Writes the report of a job execution: {@code index.html} with the figures beside it in
 * {@code figures/} (PNG shown, SVG linked), tables, each figure's SQL, the spec, seeds, data checksum,
 * code version and timings. Works for running, stopped and failed executions: it draws what exists
 * and lists what is missing. The directory appears complete or not at all ({@link ReportDirectory}),
 * so a process killed while writing leaves nothing that looks like a finished report.
 */
@Service
public class ReportGenerator {

    private final JdbcTemplate jdbc;
    private final Faults faults;

    public ReportGenerator(JdbcTemplate jdbc, Faults faults) {
        this.jdbc = jdbc;
        this.faults = faults;
    }

    /** The default directory: {@code reports/<job>-<execution>} under the working directory, or under {@code LOSSLAB_REPORTS_DIR}. */
    public static Path defaultDirectory(String jobName, long executionId) {
        String root = System.getenv("LOSSLAB_REPORTS_DIR");
        return Path.of(root == null || root.isBlank() ? "reports" : root, jobName + "-" + executionId);
    }

    /** IllegalArgumentException for an output directory a report must not replace, before anything else is done. */
    public static void checkOutputDirectory(Path dir) {
        try {
            ReportDirectory.check(dir, null);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the report into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The random identity of this database (V29), which every report carries. */
    public String databaseId() {
        return jdbc.queryForObject("SELECT database_id::text FROM database_identity", String.class);
    }

    /** The job of an execution; IllegalArgumentException if the database has no such execution. */
    public String jobName(long executionId) {
        return ExecutionFacts.load(jdbc, executionId).jobName();
    }

    /** Writes the report into {@code dir} and returns the path of its index.html. */
    public Path write(long executionId, Path dir) {
        return write(executionId, dir, () -> { });
    }

    /**
     * The units of a report's progress display: one per figure section, one for the comparisons and one
     * for the page; {@link #write(long, Path, Runnable)} reports each as it is done (a report without an
     * experiment has no figures to draw and reports fewer).
     */
    public static int parts() {
        return FigureRegistry.all().size() + 2;
    }

    /** As {@link #write(long, Path)}, running {@code partDone} after each of the {@link #parts()}. */
    public Path write(long executionId, Path dir, Runnable partDone) {
        ExecutionFacts facts = ExecutionFacts.load(jdbc, executionId);
        ReportDirectory out;
        try {
            out = ReportDirectory.open(dir, databaseId());
        } catch (IOException e) {
            // the directory is the user's choice (--out): a bad one is bad input, nothing was written
            throw new IllegalArgumentException("cannot write the report into " + dir + ": " + e.getMessage(), e);
        }
        try {
            Path figures = Files.createDirectories(out.workDir().resolve("figures"));
            JobSpec spec = facts.spec();
            List<String> missing = new ArrayList<>(partialResults(facts));
            List<SectionOutcome> outcomes = new ArrayList<>();
            ComparisonTable comparisons = null;
            String cells = "";
            String regionAccuracy = "";
            if (facts.experimentId() != null) {
                FigureRenderer renderer = new FigureRenderer(jdbc);
                for (FigureSection s : FigureRegistry.all()) {
                    String notInSpec = s.notInSpec(spec);
                    outcomes.add(notInSpec != null ? SectionOutcome.notInSpec(s, notInSpec)
                            : renderer.render(s, facts.experimentId(), figures));
                    faults.reach("report");
                    partDone.run();
                }
                comparisons = ComparisonTable.of(jdbc, facts);
                partDone.run();
                cells = CellCertificatesSection.html(jdbc, facts.experimentId());
                regionAccuracy = RegionAccuracySection.html(RegionAccuracySection.rows(jdbc, facts.experimentId()),
                        facts.experimentId());
                comparisons.missing().forEach(m -> missing.add("comparison input " + m));
                outcomes.stream().filter(o -> !o.drawn() && o.status() != SectionOutcome.Status.NOT_IN_SPEC)
                        .forEach(o -> missing.add("figure \"" + o.section().title() + "\": " + o.message()));
            }
            Files.writeString(out.workDir().resolve("index.html"),
                    new HtmlReportWriter(facts, spec, outcomes, comparisons, missing, cells, regionAccuracy).html());
            Path index = out.publish().resolve("index.html");
            partDone.run();
            return index;
        } catch (IOException e) {
            out.abort();
            throw new UncheckedIOException("cannot write the report into " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            out.abort();
            throw e;
        }
    }

    private static List<String> partialResults(ExecutionFacts facts) {
        List<String> out = new ArrayList<>();
        if (!"COMPLETED".equals(facts.status())) {
            out.add("execution " + facts.executionId() + " is " + facts.status() + ": every result below is partial"
                    + ("STOPPED".equals(facts.status()) || "FAILED".equals(facts.status())
                    ? " (resume with ./losslab restart " + facts.executionId() + ")" : ""));
        }
        if (facts.experiment() == null) {
            out.add("the execution recorded no experiment (it failed before its first step): no results at all");
            return out;
        }
        for (Map<String, Object> w : facts.runsByWidth()) {
            long runs = ((Number) w.get("runs")).longValue();
            long done = ((Number) w.get("completed")).longValue() + ((Number) w.get("diverged")).longValue();
            if (done < runs) {
                out.add("runs of hidden width " + w.get("hidden_width") + ": " + (runs - done) + " of " + runs
                        + " not finished (" + w.get("epochs_done") + " of " + w.get("epochs_planned") + " epochs done)");
            }
        }
        if (facts.plannedSteps().isEmpty()) {
            out.add("the execution recorded no step plan (it started before losslab recorded one): steps that "
                    + "never started are not listed here");
        }
        for (String step : facts.plannedSteps()) {
            if (!facts.stepCompleted(step)) {
                out.add("step " + step + " has not completed"
                        + ("compare".equals(step) ? ": comparisons below are provisional, computed by this report" : ""));
            }
        }
        return out;
    }
}
