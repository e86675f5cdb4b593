package org.losslab.report;

import static org.losslab.report.Html.esc;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.losslab.spec.JobSpec;

/**
 * The report page: the verdicts first (one line per finding, before any figure), then what is missing, the
 * full comparison rows (collapsed per finding), the cell certificates, figures (each with its SQL and view
 * definition; figures of stages the spec does not run as one line), the region networks' accuracy, runs and timings, and the provenance block
 * (spec, seeds, data checksums, code version). Plain HTML and CSS that fit a 1400-px page; one small script
 * records whether every image loaded.
 */
final class HtmlReportWriter {

    private final ExecutionFacts facts;
    private final JobSpec spec;
    private final List<SectionOutcome> figures;
    private final ComparisonTable comparisons;
    private final List<String> missing;
    private final String cells;
    private final String regionAccuracy;
    private final StringBuilder b = new StringBuilder();

    HtmlReportWriter(ExecutionFacts facts, JobSpec spec, List<SectionOutcome> figures, ComparisonTable comparisons,
                     List<String> missing, String cells, String regionAccuracy) {
        this.cells = cells;
        this.regionAccuracy = regionAccuracy;
        this.facts = facts;
        this.spec = spec;
        this.figures = figures;
        this.comparisons = comparisons;
        this.missing = missing;
    }

    String html() {
        String title = "losslab report: " + facts.jobName() + ", execution " + facts.executionId();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title))
                .append("</title>\n<style>\n").append(Html.STYLE).append("</style>\n</head>\n<body>\n");
        b.append("<h1>").append(esc(title)).append(" <span class=\"status ").append(esc(facts.status())).append("\">")
                .append(esc(facts.status())).append("</span></h1>\n");
        b.append("<p>Generated ").append(esc(LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS)))
                .append(". Results of experiment <b>").append(esc(name())).append("</b>")
                .append(facts.experiment() == null ? "" : " (experiment_id " + facts.experimentId() + ", instance "
                        + esc(facts.experiment().get("instance_no")) + ")")
                .append("; numbers come from PostgreSQL and every figure from the view named under it.</p>\n");
        if (facts.experiment() != null) {
            b.append(VerdictSection.html(VerdictSection.lines(comparisons.rows(), spec), comparisons.provisional(),
                    spec.compare().alpha()));
        }
        missing();
        if (facts.experiment() != null) {
            comparisons();
            b.append(cells);
            figures();
            b.append(regionAccuracy);
            b.append("<h2 id=\"runs\">Runs per hidden width</h2>\n").append(Html.table(facts.runsByWidth()));
        }
        timings();
        provenance();
        b.append(Html.IMAGE_CHECK).append("</body>\n</html>\n");
        return b.toString();
    }

    private String name() {
        return facts.experiment() == null ? facts.jobName() : (String) facts.experiment().get("name");
    }

    private void missing() {
        b.append("<h2 id=\"missing\">What is missing</h2>\n");
        if (missing.isEmpty()) {
            b.append("<p>Nothing: the execution completed and every figure and comparison has its data.</p>\n");
            return;
        }
        b.append("<div class=\"missing\"><ul>\n");
        missing.forEach(m -> b.append("<li>").append(esc(m)).append("</li>\n"));
        b.append("</ul></div>\n");
    }

    private void comparisons() {
        b.append("<h2 id=\"comparisons\">Comparisons: theory and paper against experiment</h2>\n");
        if (comparisons.provisional()) {
            b.append("<p class=\"missing\">Provisional: the compare step has not completed, so these rows were computed "
                    + "by this report from the results so far and are not stored.</p>\n");
        } else {
            b.append("<p>Rows of table <code>comparison</code> (query <code>SELECT * FROM v_comparison WHERE experiment_id = ")
                    .append(facts.experimentId()).append("</code>). Findings are those of science.md §E.2.</p>\n");
        }
        b.append("<p>Values tagged \"recalled, unverified\" are from memory of the paper, not checked against it. "
                + "Rows whose expectation is a reconstruction (column expectation_source) say so. Rows without a "
                + "verdict are descriptive.</p>\n");
        if (comparisons.rows().isEmpty()) {
            b.append("<p class=\"none\">No comparison could be computed yet.</p>\n");
            return;
        }
        b.append(ComparisonHtml.html(comparisons.rows()));
    }

    private void figures() {
        b.append("<h2 id=\"figures\">Figures</h2>\n");
        for (SectionOutcome o : figures) {
            FigureSection s = o.section();
            if (o.status() == SectionOutcome.Status.NOT_IN_SPEC) {
                b.append("<p class=\"none\" id=\"fig-").append(esc(s.id())).append("\">").append(esc(s.title()))
                        .append(": ").append(esc(o.message())).append(".</p>\n");
                continue;
            }
            b.append("<section id=\"fig-").append(esc(s.id())).append("\">\n<h3>").append(esc(s.title()))
                    .append(" <small>(").append(esc(s.findings())).append(")</small></h3>\n");
            if (o.drawn()) {
                b.append("<figure><a href=\"figures/").append(esc(o.svgFile())).append("\"><img src=\"figures/")
                        .append(esc(o.pngFile())).append("\" alt=\"").append(esc(s.title())).append("\"></a>\n<figcaption>")
                        .append(esc(s.caption())).append(" (").append(o.rows()).append(" rows; PNG shown, SVG: <a href=\"figures/")
                        .append(esc(o.svgFile())).append("\">").append(esc(o.svgFile())).append("</a>)</figcaption></figure>\n");
            } else {
                b.append("<p class=\"missing\">").append(esc(o.message())).append("</p>\n<p>").append(esc(s.caption()))
                        .append("</p>\n<p>Reads: <code>").append(esc(String.join("; ",
                                s.queries().stream().map(ViewQuery::signature).toList()))).append("</code></p>\n");
            }
            if (!o.sql().isEmpty()) {
                b.append("<details><summary>SQL</summary>\n<pre>");
                for (int i = 0; i < o.sql().size(); i++) {
                    b.append(esc(o.sql().get(i))).append(";\n\n").append(esc(o.viewDefinitions().get(i))).append("\n\n");
                }
                b.append("</pre></details>\n");
            }
            b.append("</section>\n");
        }
    }

    private void timings() {
        b.append("<h2 id=\"timings\">Executions and timings</h2>\n").append(Html.table(facts.executions()));
        b.append("<h3>Steps</h3>\n").append(Html.table(facts.steps()));
    }

    private void provenance() {
        b.append("<h2 id=\"provenance\">Provenance</h2>\n<h3>Code and numerical backend</h3>\n")
                .append(Html.table(facts.provenance()));
        b.append("<h3>Data</h3>\n").append(Html.table(facts.datasets()));
        if (facts.experiment() == null) {
            return;
        }
        Map<String, Object> x = facts.experiment();
        b.append("<h3>Spec</h3>\n<p>SHA-256 <code>").append(esc(x.get("spec_sha256"))).append("</code></p>\n<pre>")
                .append(esc(x.get("spec_text"))).append("</pre>\n");
        b.append("<h3>Seeds</h3>\n<p>Root seed <code>").append(esc(x.get("seed")))
                .append("</code>; every run's seed derives from it (spec seed → width, restart → epoch). Seed ranges per width "
                        + "are in the runs table; all run seeds:</p>\n<details><summary>")
                .append(facts.runSeeds().size()).append(" runs").append(facts.runSeeds().size() == 5000 ? " (first 5000)" : "")
                .append("</summary>\n").append(Html.table(facts.runSeeds())).append("</details>\n");
    }
}
