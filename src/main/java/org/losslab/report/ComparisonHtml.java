package org.losslab.report;

import static org.losslab.report.Html.esc;

import java.util.List;
import java.util.Map;
import org.losslab.comparison.Findings;

/**
 * The full comparison table of the report, one collapsed {@code <details>} per finding so the page stays
 * short, each a fixed-layout table that wraps to the page width (1400 px): value and interval, p-value, sample
 * sizes, reference, verdict, and how it was decided (note, test, level, detectable effect, expectation source,
 * inputs and their checksum).
 */
final class ComparisonHtml {

    private ComparisonHtml() {
    }

    static String html(List<Map<String, Object>> rows) {
        Map<String, List<Map<String, Object>>> byFinding = new java.util.TreeMap<>(ComparisonHtml::findingOrder);
        rows.forEach(r -> byFinding.computeIfAbsent((String) r.get("finding"), f -> new java.util.ArrayList<>()).add(r));
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, List<Map<String, Object>>> e : byFinding.entrySet()) {
            Findings.Finding f = Findings.of(e.getKey());
            long decided = e.getValue().stream().filter(r -> r.get("verdict") != null).count();
            b.append("<details class=\"comparison\" id=\"cmp-").append(esc(e.getKey().replace('+', '-'))).append("\"><summary><b>")
                    .append(esc(e.getKey())).append("</b> ").append(f == null ? "" : esc(f.claim())).append(" <small>(")
                    .append(e.getValue().size()).append(" rows, ").append(decided).append(" with a verdict)</small></summary>\n")
                    .append(table(e.getValue())).append("</details>\n");
        }
        return b.toString();
    }

    /** F1, F1+F2, F2 … F10, F11: by the number of the first finding, then the whole id. */
    static int findingOrder(String a, String b) {
        int c = Integer.compare(number(a), number(b));
        return c != 0 ? c : a.compareTo(b);
    }

    private static int number(String id) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^F(\\d+)").matcher(id);
        return m.find() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    private static String table(List<Map<String, Object>> rows) {
        StringBuilder b = new StringBuilder("<table class=\"cmp\">\n<colgroup><col style=\"width:14%\"><col style=\"width:12%\">"
                + "<col style=\"width:7%\"><col style=\"width:11%\"><col style=\"width:6%\"><col style=\"width:8%\">"
                + "<col style=\"width:10%\"><col style=\"width:8%\"><col></colgroup>\n<tr><th>statistic</th><th>subject</th>"
                + "<th>value</th><th>interval</th><th>p</th><th>n</th><th>reference</th><th>verdict</th>"
                + "<th>how it was decided</th></tr>\n");
        for (Map<String, Object> r : rows) {
            Object verdict = r.get("verdict");
            b.append("<tr><td>").append(esc(r.get("statistic"))).append("</td><td>").append(esc(r.get("subject")))
                    .append("</td><td class=\"num\">").append(esc(r.get("value"))).append("</td><td class=\"num\">")
                    .append(interval(r)).append("</td><td class=\"num\">").append(esc(r.get("p_value")))
                    .append("</td><td>").append(esc(VerdictSection.sampleSize(r))).append("</td><td>")
                    .append(esc(r.get("reference")));
            if (r.get("reference_source") != null) {
                b.append("<br><small>").append(esc(r.get("reference_source"))).append("</small>");
            }
            b.append("</td><td").append(verdict == null ? ">" : " class=\"" + esc(verdict) + "\">" + esc(verdict))
                    .append("</td><td>").append(esc(r.get("note"))).append("<br><small>").append(details(r))
                    .append("</small></td></tr>\n");
        }
        return b.append("</table>\n").toString();
    }

    private static String interval(Map<String, Object> r) {
        if (r.get("ci_low") == null || r.get("ci_high") == null) {
            return "";
        }
        return "[" + esc(r.get("ci_low")) + ", " + esc(r.get("ci_high")) + "]";
    }

    private static String details(Map<String, Object> r) {
        StringBuilder s = new StringBuilder();
        if (r.get("test") != null) {
            s.append("test: ").append(esc(r.get("test")));
            if (r.get("alpha") != null) {
                s.append("; α = ").append(esc(VerdictSection.short4(((Number) r.get("alpha")).doubleValue())));
            }
            if (r.get("detectable_effect") != null) {
                s.append("; detectable with 80% power: ").append(esc(r.get("detectable_effect")));
            }
            s.append(". ");
        }
        s.append("expectation: ").append(esc(r.get("expectation_source"))).append(". inputs: ").append(esc(r.get("inputs")))
                .append(" (sha256 ").append(esc(r.get("inputs_sha256"))).append(")");
        return s.toString();
    }
}
