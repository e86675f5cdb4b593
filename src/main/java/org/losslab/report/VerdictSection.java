package org.losslab.report;

import static org.losslab.report.Html.esc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.losslab.comparison.Findings;
import org.losslab.spec.JobSpec;

/**
 * The first section of the report, {@code <section id="verdicts">}: one line per finding of docs/science.md
 * §E.2 with the claim in words, the verdict, the deciding number with its interval, and the sample size, built
 * from the comparison rows that carry a verdict. A finding with several deciding rows (several series or cells)
 * is inconsistent if any is, else consistent if any is, else undetermined, and says how many of each. A finding
 * whose stage is not in the spec says so in one line.
 */
final class VerdictSection {

    record Line(String finding, String claim, boolean reconstruction, String verdict, String deciding, String n,
                String tally) {
    }

    private VerdictSection() {
    }

    static List<Line> lines(List<Map<String, Object>> rows, JobSpec spec) {
        List<Line> out = new ArrayList<>();
        for (Findings.Finding f : Findings.all()) {
            boolean reconstruction = f.source() == Findings.Source.RECONSTRUCTION;
            if (!inSpec(f.id(), spec)) {
                out.add(new Line(f.id(), f.claim(), reconstruction, null, "not in this spec", "", ""));
                continue;
            }
            List<Map<String, Object>> decisive = rows.stream()
                    .filter(r -> f.id().equals(r.get("finding")) && r.get("verdict") != null).toList();
            if (decisive.isEmpty()) {
                out.add(new Line(f.id(), f.claim(), reconstruction, null, "no result yet", "", ""));
                continue;
            }
            long inconsistent = count(decisive, "inconsistent");
            long consistent = count(decisive, "consistent");
            String verdict = inconsistent > 0 ? "inconsistent" : consistent > 0 ? "consistent" : "undetermined";
            Map<String, Object> deciding = decisive.stream().filter(is(verdict)).findFirst().orElseThrow();
            String tally = decisive.size() == 1 ? "" : consistent + " consistent, " + inconsistent + " inconsistent, "
                    + count(decisive, "undetermined") + " undetermined of " + decisive.size() + " " + unit(f.id());
            out.add(new Line(f.id(), f.claim(), reconstruction, verdict, number(deciding), sampleSize(deciding)
                    + (f.id().equals("F1") ? converged(rows) : ""), tally));
        }
        return out;
    }

    static String html(List<Line> lines, boolean provisional, double alpha) {
        StringBuilder b = new StringBuilder("<section id=\"verdicts\">\n<h2>Verdicts</h2>\n<p>One line per finding "
                + "(docs/science.md §E.2; decision rules §E.3): <b>consistent</b> = the data support the claim at level α = ")
                .append(esc(short4(alpha))).append(", <b>inconsistent</b> = they contradict it, <b>undetermined</b> = they cannot "
                        + "decide (too few sizes or runs, or an interval across the boundary). The full rows are under "
                        + "<a href=\"#comparisons\">Comparisons</a>.")
                .append(provisional ? " <span class=\"missing\">Provisional: computed by this report, the compare step "
                        + "has not completed.</span>" : "").append("</p>\n<table class=\"verdicts\">\n<colgroup>"
                        + "<col style=\"width:5.5em\"><col><col style=\"width:9em\"><col style=\"width:34%\"><col style=\"width:16%\">"
                        + "</colgroup>\n<tr><th>finding</th><th>claim</th><th>verdict</th><th>deciding number</th><th>n</th></tr>\n");
        for (Line l : lines) {
            b.append("<tr><td>").append(esc(l.finding())).append("</td><td>").append(esc(l.claim()));
            if (l.reconstruction()) {
                b.append(" <span class=\"recon\">(expected pattern reconstructed, not quoted from the paper)</span>");
            }
            b.append("</td><td").append(l.verdict() == null ? " class=\"none\">—" : " class=\"" + l.verdict() + "\">"
                    + l.verdict()).append("</td><td>").append(esc(l.deciding()));
            if (!l.tally().isEmpty()) {
                b.append("<br><small>").append(esc(l.tally())).append("</small>");
            }
            b.append("</td><td>").append(esc(l.n())).append("</td></tr>\n");
        }
        return b.append("</table>\n</section>\n").toString();
    }

    static boolean inSpec(String finding, JobSpec spec) {
        return switch (finding) {
            case "F1" -> spec.spinglass() != null;
            case "F6" -> spec.spinglass() != null && spec.spinglass().anneals();
            case "F2", "F3", "F4", "F5" -> spec.training() != null;
            case "F7" -> spec.regions() != null;
            case "F8" -> spec.theory() != null;
            default -> spec.cells() != null;
        };
    }

    private static String unit(String finding) {
        return switch (finding) {
            case "F7" -> "cells";
            case "F8" -> "series";
            case "F9", "F10", "F11" -> "certificates";
            default -> "rows";
        };
    }

    private static long count(List<Map<String, Object>> rows, String verdict) {
        return rows.stream().filter(is(verdict)).count();
    }

    private static Predicate<Map<String, Object>> is(String verdict) {
        return r -> verdict.equals(r.get("verdict"));
    }

    /**
     * e.g. {@code test_loss_variance_loglog_slope (all sizes) = -1.02, 95% interval [-1.31, -0.742]}; for a row
     * without a value, why (its note); for a certificate, its failed checks.
     */
    static String number(Map<String, Object> r) {
        String head = r.get("statistic") + " (" + r.get("subject") + ")";
        if (String.valueOf(r.get("test")).startsWith("deterministic certificate")) {
            return head + ": " + fmt0(r.get("value")) + " of " + r.get("n_inputs") + " checks failed; " + r.get("note");
        }
        if (r.get("value") == null) {
            return head + ": " + r.get("note");
        }
        String s = head + " = " + fmt(r.get("value"));
        if (r.get("ci_low") != null && r.get("ci_high") != null) {
            Object alpha = r.get("alpha");
            String level = alpha instanceof Number a ? level(a.doubleValue()) + " " : "";
            s += ", " + level + "interval [" + fmt(r.get("ci_low")) + ", " + fmt(r.get("ci_high")) + "]";
        }
        return s;
    }

    /** e.g. 95% or 98.75%: 1 − α in percent, four significant digits, no trailing zeros. */
    static String level(double alpha) {
        return short4(100 * (1 - alpha)) + "%";
    }

    static String short4(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String fmt0(Object v) {
        return v instanceof Number x ? String.valueOf(Math.round(x.doubleValue())) : String.valueOf(v);
    }

    static String sampleSize(Map<String, Object> r) {
        int n = ((Number) r.get("n_inputs")).intValue();
        Number groups = (Number) r.get("n_groups");
        Number min = (Number) r.get("min_group_n");
        return groups != null && groups.intValue() > 1 ? n + " in " + groups + " groups (smallest " + min + ")"
                : String.valueOf(n);
    }

    /** F1 counts only converged descents: say how many stopped at the step cap. */
    private static String converged(List<Map<String, Object>> rows) {
        long total = 0;
        long excluded = 0;
        for (Map<String, Object> r : rows) {
            if ("descents_converged".equals(r.get("statistic")) && r.get("value") != null) {
                long n = ((Number) r.get("n_inputs")).longValue();
                total += n;
                excluded += Math.round((1 - ((Number) r.get("value")).doubleValue()) * n);
            }
        }
        return total == 0 ? "" : "; " + excluded + " of " + total + " descents stopped at the step cap, left out";
    }

    static String fmt(Object v) {
        return v instanceof Number x ? String.format("%.3g", x.doubleValue()) : String.valueOf(v);
    }
}
