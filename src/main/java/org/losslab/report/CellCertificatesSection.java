package org.losslab.report;

import static org.losslab.report.Html.esc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The report section of the He, Wang &amp; Tao certificates (science.md §D.5 items 2–5, findings
 * F9–F11): one table row per data set and certificate with its outcome (passed, failed, vacuous, report-only)
 * and every criterion
 * (value, relation, threshold), drawn from {@code v_cell_certificates} with the query printed, and the
 * certificate's measurements (from {@code cell_measurement}) folded under it. Empty when the
 * experiment ran no cells step.
 */
final class CellCertificatesSection {

    static final String QUERY = "SELECT dataset, certificate, reference, outcome, outcome_reason, check_name, value, relation,"
            + " threshold, pass"
            + " FROM v_cell_certificates WHERE experiment_id = ? ORDER BY dataset, certificate, check_name";
    private static final String MEASUREMENTS = "SELECT dataset, certificate, name, value FROM cell_measurement"
            + " WHERE experiment_id = ? ORDER BY dataset, certificate, name";

    private CellCertificatesSection() {
    }

    static String html(JdbcTemplate jdbc, long experimentId) {
        List<Map<String, Object>> checks = jdbc.queryForList(QUERY, experimentId);
        if (checks.isEmpty()) {
            return "";
        }
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (Map<String, Object> c : checks) {
            Map<String, Object> row = rows.computeIfAbsent(c.get("dataset") + "/" + c.get("certificate"), k -> {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("dataset", c.get("dataset"));
                r.put("certificate", c.get("certificate"));
                r.put("outcome", c.get("outcome"));
                r.put("criteria", c.get("outcome_reason") == null ? "" : c.get("outcome_reason") + ". Checks: ");
                r.put("reference", c.get("reference"));
                return r;
            });
            if (c.get("check_name") != null) {
                String criterion = (Boolean.TRUE.equals(c.get("pass")) ? "✓ " : "✗ ") + c.get("check_name") + " = "
                        + Html.formatDouble(((Number) c.get("value")).doubleValue()) + " " + c.get("relation") + " "
                        + Html.formatDouble(((Number) c.get("threshold")).doubleValue());
                String before = (String) row.get("criteria");
                row.put("criteria", before.isEmpty() || before.endsWith(": ") ? before + criterion : before + "; " + criterion);
            }
        }
        StringBuilder b = new StringBuilder("<h2 id=\"cells\">Piecewise-linear cells (He, Wang &amp; Tao 2020)</h2>\n");
        b.append("<p>Certificates of science.md §D.5 items 2–5 (findings F9–F11): a spurious minimum and a point below it, ")
                .append("the constant-risk valley, in-cell optimality for one hidden layer (on the trained network's cell and on a ")
                .append("constructed cell whose optimum is interior; two hidden layers as the control) and the linear-network ")
                .append("control. <b>passed</b>: every criterion holds; <b>failed</b>: one does not; <b>vacuous</b>: the claim ")
                .append("does not apply (the in-cell optimum lies on the cell boundary, so the open cell holds no minimum); ")
                .append("<b>report-only</b>: no criteria (a control), never passed. Query: <code>")
                .append(esc(QUERY.replace("?", Long.toString(experimentId)))).append("</code></p>\n");
        b.append(Html.table(List.copyOf(rows.values())).replace("<td>passed</td>", "<td class=\"consistent\">passed</td>")
                .replace("<td>failed</td>", "<td class=\"inconsistent\">failed</td>")
                .replace("<td>vacuous</td>", "<td class=\"undetermined\">vacuous</td>")
                .replace("<td>report-only</td>", "<td class=\"undetermined\">report-only</td>"));
        b.append("<details><summary>Every measurement (<code>").append(esc(MEASUREMENTS.replace("?", Long.toString(experimentId))))
                .append("</code>)</summary>\n").append(Html.table(jdbc.queryForList(MEASUREMENTS, experimentId)))
                .append("</details>\n");
        return b.toString();
    }
}
