package org.losslab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslab.comparison.Comparison;
import org.losslab.pipeline.compare.ComparisonRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The comparison rows shown in the report: those the compare step stored, or, if it has not completed
 * (a running or stopped execution), the same statistics computed now from the results so far and
 * labelled provisional; plus what the comparisons lacked. Both come as the columns of {@link #COLUMNS}.
 */
public record ComparisonTable(List<Map<String, Object>> rows, boolean provisional, List<String> missing) {

    static final String COLUMNS = "finding, statistic, subject, value, ci_low, ci_high, p_value, alpha, detectable_effect, "
            + "reference, reference_source, verdict, note, test, n_inputs, n_groups, min_group_n, expectation_source, "
            + "inputs, left(inputs_sha256, 12) AS inputs_sha256";

    public static ComparisonTable of(JdbcTemplate jdbc, ExecutionFacts facts) {
        long experimentId = facts.experimentId();
        ComparisonRunner.Result computed = ComparisonRunner.compute(jdbc, experimentId);
        if (facts.stepCompleted("compare")) {
            return new ComparisonTable(jdbc.queryForList("SELECT " + COLUMNS
                    + " FROM comparison WHERE experiment_id = ? ORDER BY finding, subject, statistic", experimentId),
                    false, computed.missing());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        computed.comparisons().stream()
                .sorted(Comparator.comparing(Comparison::finding).thenComparing(Comparison::subject)
                        .thenComparing(Comparison::statistic))
                .forEach(c -> rows.add(row(c)));
        return new ComparisonTable(rows, true, computed.missing());
    }

    private static Map<String, Object> row(Comparison c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("finding", c.finding());
        m.put("statistic", c.statistic());
        m.put("subject", c.subject());
        m.put("value", c.value());
        m.put("ci_low", c.ciLow());
        m.put("ci_high", c.ciHigh());
        m.put("p_value", c.test() == null ? null : c.test().pValue());
        m.put("alpha", c.test() == null ? null : c.test().alpha());
        m.put("detectable_effect", c.test() == null ? null : c.test().detectableEffect());
        m.put("reference", c.reference());
        m.put("reference_source", c.referenceSource());
        m.put("verdict", c.verdict() == null ? null : c.verdict().sql());
        m.put("note", c.note());
        m.put("test", c.test() == null ? null : c.test().name());
        m.put("n_inputs", c.inputs().count());
        m.put("n_groups", c.inputs().groups());
        m.put("min_group_n", c.inputs().minGroup());
        m.put("expectation_source", c.expectationSource().sql());
        m.put("inputs", c.inputs().description());
        m.put("inputs_sha256", c.inputs().sha256().substring(0, 12));
        return m;
    }
}
