-- Views of issue 14: the verdict columns in v_comparison, one row per deciding comparison in v_verdicts,
-- convergence in v_spinglass, certificate outcomes in v_cell_certificates, and the log-log variance fit
-- of the F3 figure only from three or more widths (a line through two points always fits).

DROP VIEW v_comparison;
CREATE VIEW v_comparison AS
SELECT e.name AS experiment, e.instance_no, e.spec_sha256, c.finding, c.statistic, c.subject, c.value,
       c.ci_low, c.ci_high, c.reference, c.reference_source, c.verdict, c.note, c.test, c.p_value, c.alpha,
       c.detectable_effect, c.n_inputs, c.n_groups, c.min_group_n, c.expectation_source, c.inputs,
       c.inputs_sha256, c.job_execution_id, p.code_version, p.git_commit, c.computed_at, c.experiment_id
FROM comparison c
JOIN experiment e ON e.experiment_id = c.experiment_id
LEFT JOIN provenance p ON p.job_execution_id = c.job_execution_id;

-- The rows that decide a finding (those with a verdict); descriptive rows are in v_comparison only.
CREATE VIEW v_verdicts AS
SELECT experiment, instance_no, finding, statistic, subject, verdict, value, ci_low, ci_high, alpha, p_value,
       detectable_effect, n_inputs, n_groups, min_group_n, expectation_source, test, note, experiment_id
FROM v_comparison
WHERE verdict IS NOT NULL;

DROP VIEW v_spinglass;
CREATE VIEW v_spinglass AS
SELECT e.name AS experiment, s.n, s.restart, s.method, s.final_energy, s.grad_norm, s.converged, s.idx, s.steps,
       s.experiment_id
FROM spinglass_result s JOIN experiment e USING (experiment_id);

DROP VIEW v_cell_certificates;
CREATE VIEW v_cell_certificates AS
SELECT e.name AS experiment, c.dataset, c.certificate, c.reference, c.passed, c.outcome, c.outcome_reason,
       k.name AS check_name, k.value, k.relation, k.threshold, k.pass, c.experiment_id
FROM cell_certificate c JOIN experiment e USING (experiment_id)
LEFT JOIN cell_check k USING (experiment_id, dataset, certificate);

CREATE OR REPLACE VIEW v_fig_test_loss_variance AS
WITH per_size AS (
    SELECT experiment_id, architecture, widths[2] AS hidden_width, count(*) AS n_completed,
           avg(final_test_loss) AS test_loss_mean, var_samp(final_test_loss) AS test_loss_variance
    FROM v_runs WHERE status = 'COMPLETED'
    GROUP BY experiment_id, architecture, widths[2]
), logs AS (
    SELECT *, CASE WHEN test_loss_variance > 0 THEN ln(test_loss_variance) END AS ln_variance
    FROM per_size
), fits AS (
    SELECT *, regr_count(ln_variance, ln(hidden_width)) OVER w AS fit_points,
           regr_slope(ln_variance, ln(hidden_width)) OVER w     AS slope,
           regr_intercept(ln_variance, ln(hidden_width)) OVER w AS intercept,
           regr_r2(ln_variance, ln(hidden_width)) OVER w        AS r2
    FROM logs
    WINDOW w AS (PARTITION BY experiment_id, architecture)
)
SELECT experiment_id, architecture, hidden_width, n_completed, test_loss_mean, test_loss_variance,
       CASE WHEN fit_points >= 3 THEN slope END     AS loglog_slope,
       CASE WHEN fit_points >= 3 THEN intercept END AS loglog_intercept,
       CASE WHEN fit_points >= 3 THEN r2 END        AS loglog_r2
FROM fits;
