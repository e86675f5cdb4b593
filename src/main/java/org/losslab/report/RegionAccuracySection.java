package org.losslab.report;

import static org.losslab.report.Html.esc;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The trained region networks' test accuracies beside the accuracy docs/science.md §C.4 states for the grid
 * (≥ 98 %, a [DEFAULT] target of the reconstruction, not a number quoted from the paper), from
 * {@code v_region_networks}: one sentence naming every network below it (with the 95 % Wilson interval of its
 * accuracy), then the table. Shared by the HTML report and the Markdown page, so both say the same.
 */
final class RegionAccuracySection {

    static final String QUERY = "SELECT network_key, test_accuracy, test_accuracy_ci_low, test_accuracy_ci_high, test_size,"
            + " paper_accuracy, below_paper, paper_accuracy_source FROM v_region_networks"
            + " WHERE experiment_id = ? AND network_state = 'trained' AND finished ORDER BY network_key";

    private RegionAccuracySection() {
    }

    static List<Map<String, Object>> rows(JdbcTemplate jdbc, long experimentId) {
        return jdbc.queryForList(QUERY, experimentId);
    }

    /** One plain-text sentence: how many trained networks with a stated accuracy fall below it, and which. */
    static String sentence(List<Map<String, Object>> rows) {
        List<Map<String, Object>> stated = rows.stream().filter(r -> r.get("paper_accuracy") != null).toList();
        if (stated.isEmpty()) {
            return rows.isEmpty() ? "No trained region network has finished yet."
                    : "No trained region network has a stated accuracy to compare with (" + rows.size() + " trained).";
        }
        List<Map<String, Object>> below = stated.stream().filter(r -> Boolean.TRUE.equals(r.get("below_paper"))).toList();
        String target = "the test accuracy science.md §C.4 states for the trained grid networks ("
                + percent(stated.get(0).get("paper_accuracy")) + ", a [DEFAULT] target, not quoted from the paper)";
        if (below.isEmpty()) {
            return "None of the " + stated.size() + " trained networks is below " + target + ".";
        }
        return below.size() + " of " + stated.size() + " trained networks " + (below.size() == 1 ? "is" : "are")
                + " below " + target + ": " + below.stream().map(RegionAccuracySection::describe)
                .collect(Collectors.joining("; ")) + ".";
    }

    /** e.g. {@code mlp-784-512-512-512-10/relu/trained 97.12 % (95 % interval [96.77, 97.43] %, n = 10000)}. */
    static String describe(Map<String, Object> r) {
        return r.get("network_key") + " " + percent(r.get("test_accuracy")) + " (95 % interval ["
                + number(r.get("test_accuracy_ci_low")) + ", " + number(r.get("test_accuracy_ci_high")) + "] %, n = "
                + r.get("test_size") + ")";
    }

    static String html(List<Map<String, Object>> rows, long experimentId) {
        if (rows.isEmpty()) {
            return "";
        }
        String css = rows.stream().anyMatch(r -> Boolean.TRUE.equals(r.get("below_paper"))) ? "inconsistent" : "consistent";
        return "<h2 id=\"region-accuracy\">Region networks: test accuracy</h2>\n<p class=\"" + css + "\">"
                + esc(sentence(rows)) + "</p>\n<p>Query: <code>" + esc(QUERY.replace("?", Long.toString(experimentId)))
                + "</code></p>\n" + Html.table(rows);
    }

    static String percent(Object fraction) {
        return number(fraction) + " %";
    }

    private static String number(Object fraction) {
        return fraction instanceof Number x ? String.format(java.util.Locale.ROOT, "%.2f", 100 * x.doubleValue()) : "—";
    }
}
