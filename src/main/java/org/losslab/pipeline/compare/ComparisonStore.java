package org.losslab.pipeline.compare;

import java.util.List;
import org.losslab.comparison.Comparison;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Table {@code comparison} (natural key experiment × finding × statistic × subject), and the comparisons
 * computed from the views of the other stages that it holds.
 */
@Repository
public class ComparisonStore {

    private final JdbcTemplate jdbc;

    public ComparisonStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every comparison the experiment's inputs allow, computed from the views the stages wrote ({@link ComparisonRunner}). */
    public ComparisonRunner.Result compute(long experimentId) {
        return ComparisonRunner.compute(jdbc, experimentId);
    }

    /** Replaces the experiment's comparisons with these (rows no longer computable are removed). */
    public void replace(long experimentId, List<Comparison> rows, long jobExecutionId, long stepExecutionId) {
        jdbc.update("DELETE FROM comparison WHERE experiment_id = ?", experimentId);
        jdbc.batchUpdate("""
                INSERT INTO comparison (experiment_id, finding, statistic, subject, value, ci_low, ci_high, reference,
                    reference_source, verdict, note, n_inputs, inputs, inputs_sha256, job_execution_id, step_execution_id,
                    test, p_value, alpha, detectable_effect, n_groups, min_group_n, expectation_source)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                rows.stream().map(c -> new Object[] {experimentId, c.finding(), c.statistic(), c.subject(), c.value(),
                        c.ciLow(), c.ciHigh(), c.reference(), c.referenceSource(),
                        c.verdict() == null ? null : c.verdict().sql(), c.note(), c.inputs().count(),
                        c.inputs().description(), c.inputs().sha256(), jobExecutionId, stepExecutionId,
                        c.test() == null ? null : c.test().name(), c.test() == null ? null : c.test().pValue(),
                        c.test() == null ? null : c.test().alpha(), c.test() == null ? null : c.test().detectableEffect(),
                        c.inputs().groups(), c.inputs().minGroup(), c.expectationSource().sql()}).toList());
    }

    public int count(long experimentId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM comparison WHERE experiment_id = ?", Integer.class,
                experimentId);
        return n == null ? 0 : n;
    }
}
