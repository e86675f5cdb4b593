package org.losslab.report;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.losslab.spec.JobSpec;

/**
 * The published result page of an execution, in Markdown (docs/results/README.md): the command and spec, the
 * commit, the machine, wall and CPU time, the data sets with their checksums and split, the verdict summary
 * (the rows of the HTML report's verdict section), the networks' test accuracies, the figures, one paragraph per
 * finding ({@link FindingParagraphs}) and the effective spec. Everything is read from the database; no date is
 * printed, so regenerating an unchanged execution gives the same page.
 */
final class MarkdownPageWriter {

    /** What the page is made of; {@code runCommand} is null when the spec is not a shipped one unchanged. */
    record Inputs(ExecutionFacts facts, JobSpec spec, List<SectionOutcome> figures, ComparisonTable comparisons,
                  List<Map<String, Object>> accuracyByWidth, List<Map<String, Object>> regionNetworks,
                  String regenerate, String runCommand, List<String> missing) {
    }

    private final Inputs in;
    private final StringBuilder b = new StringBuilder();

    MarkdownPageWriter(Inputs in) {
        this.in = in;
    }

    String markdown() {
        ExecutionFacts f = in.facts();
        Map<String, Object> x = f.experiment();
        b.append("# ").append(x.get("name")).append(": losslab results, execution ").append(f.executionId()).append("\n\n");
        b.append("Generated from the database by `").append(in.regenerate()).append("`; do not edit by hand. Status: **")
                .append(f.status()).append("**.").append(in.missing().isEmpty() ? "" : " Partial results: "
                        + String.join("; ", in.missing()) + ".").append("\n\n");
        run();
        machine();
        data();
        verdicts();
        accuracies();
        figures();
        findings();
        b.append("## Spec\n\nSHA-256 `").append(x.get("spec_sha256")).append("`, root seed ").append(x.get("seed"))
                .append(":\n\n```yaml\n").append(String.valueOf(x.get("spec_text")).strip()).append("\n```\n");
        return b.toString();
    }

    private void run() {
        b.append("## Command\n\n");
        if (in.runCommand() != null) {
            b.append("`").append(in.runCommand()).append("` (the shipped spec, unchanged).\n\n");
        } else {
            b.append("`./losslab run SPEC` with the effective spec at the end of this page (it differs from any shipped "
                    + "spec of the same name, e.g. by `--set`).\n\n");
        }
        Set<String> commits = new LinkedHashSet<>();
        in.facts().provenance().forEach(p -> commits.add("`" + p.get("git_commit") + "` (version " + p.get("code_version") + ")"));
        b.append("Commit: ").append(commits.isEmpty() ? "not recorded" : String.join(", ", commits)).append(".\n\n");
    }

    private void machine() {
        b.append("## Machine and time\n\n| execution | status | wall s | CPU s | host | CPU | cores | OMP threads | "
                + "partition threads | Java | ND4J |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        double wall = 0;
        double cpu = 0;
        boolean cpuComplete = true;
        for (Map<String, Object> e : in.facts().executions()) {
            Map<String, Object> p = in.facts().provenance().stream()
                    .filter(r -> Objects.equals(r.get("execution"), e.get("execution"))).findFirst().orElse(Map.of());
            wall += number(e.get("seconds"));
            cpuComplete &= p.get("cpu_seconds") != null;
            cpu += number(p.get("cpu_seconds"));
            b.append(row(e.get("execution"), e.get("status"), e.get("seconds"), orDash(p.get("cpu_seconds")),
                    orDash(p.get("host")), orDash(p.get("cpu_model")), orDash(p.get("cpu_cores")), orDash(p.get("omp_threads")),
                    orDash(p.get("partition_threads")), orDash(p.get("java_version")), orDash(p.get("nd4j_classifier"))));
        }
        b.append("\nWall time ").append(String.format(java.util.Locale.ROOT, "%.1f", wall)).append(" s (")
                .append(hours(wall)).append("); CPU time of the running process ")
                .append(String.format(java.util.Locale.ROOT, "%.1f", cpu)).append(" s (").append(hours(cpu)).append(")")
                .append(cpuComplete ? "" : ", not recorded for every execution (one killed before its end counts as 0)")
                .append(".\n\n");
    }

    private void data() {
        b.append("## Data\n\n");
        if (in.facts().datasets().isEmpty()) {
            b.append("This job read no MNIST data.\n\n");
        }
        for (Map<String, Object> d : in.facts().datasets()) {
            b.append("- ").append(d.get("role")).append(": split **").append(orDash(d.get("split_kind"))).append("**, ")
                    .append(d.get("n_train")).append(" training / ").append(d.get("n_test")).append(" test images of ")
                    .append(d.get("image_rows")).append("×").append(d.get("image_cols")).append(" (").append(d.get("split"))
                    .append("); verified as ").append(d.get("verified_as") == null ? "no known set" : "`" + d.get("verified_as") + "`")
                    .append("; content SHA-256 `").append(d.get("dataset_sha256")).append("`.\n");
            if (d.get("file_sha256") != null) {
                b.append("\n  SHA-256 of the files' uncompressed bytes: `").append(String.valueOf(d.get("file_sha256"))
                        .replaceAll("[{}\"]", "")).append("`\n");
            }
        }
        b.append("\n");
    }

    private void verdicts() {
        b.append("## Verdicts\n\nOne line per finding of docs/science.md §E.2, decided as in §E.3 at α = ")
                .append(VerdictSection.short4(in.spec().compare().alpha())).append(in.comparisons().provisional()
                        ? " (provisional: the compare step has not completed)" : "")
                .append(".\n\n| finding | claim | verdict | deciding number | n |\n|---|---|---|---|---|\n");
        for (VerdictSection.Line l : lines()) {
            b.append(row(l.finding(), l.claim() + (l.reconstruction() ? " *(expected pattern reconstructed, not quoted "
                    + "from the paper)*" : ""), l.verdict() == null ? "—" : "**" + l.verdict() + "**",
                    l.deciding() + (l.tally().isEmpty() ? "" : " (" + l.tally() + ")"), l.n()));
        }
        b.append("\n");
    }

    private void accuracies() {
        b.append("## Test accuracy of the networks\n\n");
        if (in.accuracyByWidth().isEmpty()) {
            b.append("No trained network of the `training` section has completed.\n\n");
        } else {
            b.append("Completed networks of the `training` section, test accuracy in % (1 − final test error) per hidden "
                    + "width n1:\n\n| n1 | networks | mean ± sd | min | max |\n|---|---|---|---|---|\n");
            for (Map<String, Object> r : in.accuracyByWidth()) {
                b.append(row(r.get("hidden_width"), r.get("networks"), pct(r.get("mean")) + " ± " + pct(r.get("sd")),
                        pct(r.get("min")), pct(r.get("max"))));
            }
            b.append("\n");
        }
        if (!in.regionNetworks().isEmpty()) {
            b.append("Region networks (trained): ").append(RegionAccuracySection.sentence(in.regionNetworks()))
                    .append("\n\n| network | test accuracy % | 95 % interval | stated % | below |\n|---|---|---|---|---|\n");
            for (Map<String, Object> r : in.regionNetworks()) {
                b.append(row(r.get("network_key"), pct(r.get("test_accuracy")), "[" + pct(r.get("test_accuracy_ci_low"))
                        + ", " + pct(r.get("test_accuracy_ci_high")) + "]", pct(r.get("paper_accuracy")), orDash(r.get("below_paper"))));
            }
            b.append("\n");
        }
    }

    private void figures() {
        b.append("## Figures\n\n");
        for (SectionOutcome o : in.figures()) {
            if (o.drawn()) {
                b.append("### ").append(o.section().title()).append(" (").append(o.section().findings()).append(")\n\n![")
                        .append(o.section().title()).append("](").append(o.pngFile()).append(")\n\n")
                        .append(o.section().caption()).append(" (").append(o.rows()).append(" rows.)\n\n");
            } else {
                b.append("- ").append(o.section().title()).append(": ").append(o.message()).append(".\n");
            }
        }
        b.append("\n");
    }

    private void findings() {
        b.append("## Findings\n\n");
        List<String> paragraphs = FindingParagraphs.of(lines(), in.comparisons().rows(), in.spec().compare().alpha());
        paragraphs.forEach(p -> b.append(p).append("\n\n"));
        String undecided = lines().stream().filter(l -> l.verdict() == null)
                .map(l -> l.finding() + " (" + l.deciding() + ")").collect(Collectors.joining(", "));
        if (!undecided.isEmpty()) {
            b.append("Without a verdict: ").append(undecided).append(".\n\n");
        }
    }

    private List<VerdictSection.Line> lines() {
        return VerdictSection.lines(in.comparisons().rows(), in.spec());
    }

    static String row(Object... cells) {
        StringBuilder r = new StringBuilder("|");
        for (Object c : cells) {
            r.append(' ').append(String.valueOf(c).replace("|", "\\|").replace('\n', ' ')).append(" |");
        }
        return r.append('\n').toString();
    }

    private static String pct(Object fraction) {
        return fraction instanceof Number x ? String.format(java.util.Locale.ROOT, "%.2f", 100 * x.doubleValue()) : "—";
    }

    private static Object orDash(Object o) {
        return o == null ? "—" : o;
    }

    private static double number(Object o) {
        return o instanceof Number x ? x.doubleValue() : 0;
    }

    private static String hours(double seconds) {
        return String.format(java.util.Locale.ROOT, "%.2f h", seconds / 3600);
    }
}
