package org.losslab.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.losslab.spec.JobSpec;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pieces of an execution's report for the live view (losslab serve), drawn by the same code as
 * {@link ReportGenerator}: the verdicts section, the figures as PNG files, and the report's style sheet.
 */
public final class ReportParts {

    /** One figure of the report: drawn (its PNG in the directory given) or why not. */
    public record FigureView(String id, String title, boolean drawn, String message) {
    }

    private ReportParts() {
    }

    /** The report's CSS, so the view's tables and verdicts look as in the report. */
    public static String style() {
        return Html.STYLE;
    }

    /** The report's verdicts section (HTML); empty when the execution recorded no experiment. */
    public static String verdictsHtml(JdbcTemplate jdbc, long executionId) {
        ExecutionFacts facts = ExecutionFacts.load(jdbc, executionId);
        if (facts.experiment() == null) {
            return "";
        }
        JobSpec spec = facts.spec();
        ComparisonTable comparisons = ComparisonTable.of(jdbc, facts);
        return VerdictSection.html(VerdictSection.lines(comparisons.rows(), spec), comparisons.provisional(),
                spec.compare().alpha());
    }

    /**
     * Draws the report's figures of the execution's spec into {@code dir} as {@code <id>.png} (no SVG) and
     * returns them in reading order; figures of stages the spec does not run are left out.
     */
    public static List<FigureView> figures(JdbcTemplate jdbc, long executionId, Path dir) {
        ExecutionFacts facts = ExecutionFacts.load(jdbc, executionId);
        List<FigureView> out = new ArrayList<>();
        if (facts.experiment() == null) {
            return out;
        }
        JobSpec spec = facts.spec();
        FigureRenderer renderer = new FigureRenderer(jdbc);
        for (FigureSection s : FigureRegistry.all()) {
            if (s.notInSpec(spec) == null) {
                SectionOutcome o = renderer.render(s, facts.experimentId(), dir, false);
                out.add(new FigureView(s.id(), s.title(), o.drawn(), o.message()));
            }
        }
        return out;
    }
}
