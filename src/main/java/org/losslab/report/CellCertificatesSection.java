package org.losslab.report;

import static org.losslab.report.Html.esc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The report section of the He, Wang &amp; Tao certificates (science.md §D.5 items 2–5, findings
 * F9–F11): one table row per data set and certificate with its verdict and every criterion
 * (value, relation, threshold), drawn from {@code v_cell_certificates} with the query printed, and the
 * certificate's measurements (from {@code cell_measurement}) folded under it. Empty when the
 * experiment ran no cells step.
 */
final class CellCertificatesSection {

    static final String QUERY = "SELECT dataset, certificate, reference, passed, check_name, value, relation, threshold, pass"
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
                r.put("verdict", Boolean.TRUE.equals(c.get("passed")) ? "consistent" : "inconsistent");
                r.put("criteria", "");
                r.put("reference", c.get("reference"));
                return r;
            });
            if (c.get("check_name") != null) {
                String criterion = (Boolean.TRUE.equals(c.get("pass")) ? "✓ " : "✗ ") + c.get("check_name") + " = "
                        + Html.formatDouble(((Number) c.get("value")).doubleValue()) + " " + c.get("relation") + " "
                        + Html.formatDouble(((Number) c.get("threshold")).doubleValue());
                String before = (String) row.get("criteria");
                row.put("criteria", before.isEmpty() ? criterion : before + "; " + criterion);
            }
        }
        rows.values().forEach(r -> {
            if (((String) r.get("criteria")).isEmpty()) {
                r.put("criteria", "report only (control, no guarantee claimed)");
            }
        });
        StringBuilder b = new StringBuilder("<h2 id=\"cells\">Piecewise-linear cells (He, Wang &amp; Tao 2020)</h2>\n");
        b.append("<p>Certificates of science.md §D.5 items 2–5 (findings F9–F11): a spurious minimum and a point below it, ")
                .append("the constant-risk valley, in-cell optimality for one hidden layer (two hidden layers as the control) and ")
                .append("the linear-network control. A certificate is consistent when every criterion holds. Query: <code>")
                .append(esc(QUERY.replace("?", Long.toString(experimentId)))).append("</code></p>\n");
        b.append(Html.markVerdicts(Html.table(List.copyOf(rows.values())), "consistent", "inconsistent"));
        b.append("<details><summary>Every measurement (<code>").append(esc(MEASUREMENTS.replace("?", Long.toString(experimentId))))
                .append("</code>)</summary>\n").append(Html.table(jdbc.queryForList(MEASUREMENTS, experimentId)))
                .append("</details>\n");
        return b.toString();
    }
}
