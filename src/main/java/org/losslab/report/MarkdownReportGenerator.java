package org.losslab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.losslab.spec.JobSpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Writes the published result page of an execution ({@code losslab report EXECUTION --markdown DIR}):
 * {@code DIR/README.md} and the figures as PNG beside it, drawn by the HTML report's own figure sections and
 * renderer and judged by the same comparison rows, so the page and the report cannot disagree. The directory
 * appears whole or not at all ({@link ReportDirectory}) and may hold only such a page.
 */
@Service
public class MarkdownReportGenerator {

    static final String PAGE = "README.md";
    static final String ACCURACY_BY_WIDTH = """
            SELECT widths[2] AS hidden_width, count(*) AS networks, avg(1 - final_test_error) AS mean,
                   stddev_samp(1 - final_test_error) AS sd, min(1 - final_test_error) AS min, max(1 - final_test_error) AS max
            FROM v_descent_runs WHERE experiment_id = ? AND status = 'COMPLETED' AND final_test_error IS NOT NULL
            GROUP BY widths[2] ORDER BY 1""";

    private final JdbcTemplate jdbc;

    public MarkdownReportGenerator(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Writes the page of {@code executionId} into {@code dir} and returns the path of its README.md.
     *
     * @throws IllegalArgumentException if there is no such execution or it recorded no experiment
     */
    public Path write(long executionId, Path dir) {
        return write(executionId, dir, () -> { });
    }

    /** As {@link #write(long, Path)}, running {@code partDone} after each of {@link ReportGenerator#parts()}. */
    public Path write(long executionId, Path dir, Runnable partDone) {
        ExecutionFacts facts = ExecutionFacts.load(jdbc, executionId);
        if (facts.experiment() == null) {
            throw new IllegalArgumentException("execution " + executionId + " recorded no experiment: there is nothing to publish");
        }
        ReportDirectory out;
        try {
            out = ReportDirectory.open(dir, name -> name.equals(PAGE) || name.endsWith(".png"));
        } catch (IOException e) {
            // the directory is the user's choice (--markdown): a bad one is bad input, nothing was written
            throw new IllegalArgumentException("cannot write the page into " + dir + ": " + e.getMessage(), e);
        }
        try {
            long experimentId = facts.experimentId();
            JobSpec spec = JobSpec.fromText("spec of execution " + executionId, (String) facts.experiment().get("spec_text"));
            FigureRenderer renderer = new FigureRenderer(jdbc);
            List<SectionOutcome> figures = new ArrayList<>();
            for (FigureSection s : FigureRegistry.all()) {
                String notInSpec = s.notInSpec(spec);
                figures.add(notInSpec != null ? SectionOutcome.notInSpec(s, notInSpec)
                        : renderer.render(s, experimentId, out.workDir(), false));
                partDone.run();
            }
            List<String> missing = new ArrayList<>();
            if (!"COMPLETED".equals(facts.status())) {
                missing.add("execution " + executionId + " is " + facts.status());
            }
            String regenerate = "./losslab report " + executionId + " --markdown " + dir;
            ComparisonTable comparisons = ComparisonTable.of(jdbc, facts);
            partDone.run();
            String page = new MarkdownPageWriter(new MarkdownPageWriter.Inputs(facts, spec, figures,
                    comparisons, jdbc.queryForList(ACCURACY_BY_WIDTH, experimentId),
                    RegionAccuracySection.rows(jdbc, experimentId), regenerate, runCommand(spec, facts), missing)).markdown();
            Files.writeString(out.workDir().resolve(PAGE), page);
            Path readme = out.publish().resolve(PAGE);
            partDone.run();
            return readme;
        } catch (IOException e) {
            out.abort();
            throw new UncheckedIOException("cannot write the page into " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            out.abort();
            throw e;
        }
    }

    /** {@code ./losslab run jobs/NAME.yaml} when the execution ran that shipped spec unchanged, else null. */
    static String runCommand(JobSpec spec, ExecutionFacts facts) {
        Path shipped = Path.of("jobs", spec.name() + ".yaml");
        String home = System.getenv("LOSSLAB_HOME");
        if (!Files.exists(shipped) && home != null) {
            shipped = Path.of(home).resolve(shipped);
        }
        try {
            Map<String, Object> x = facts.experiment();
            return Files.exists(shipped) && JobSpec.load(shipped, List.of()).sha256().equals(x.get("spec_sha256"))
                    ? "./losslab run jobs/" + spec.name() + ".yaml" : null;
        } catch (RuntimeException e) {
            return null; // a shipped spec that no longer parses is not the one that ran
        }
    }
}
