-- Views whose floating-point aggregates are independent of the order rows lie on disk (issue #18 item 3).
-- corr, var_samp, avg and regr_* accumulate in the order rows arrive, so the same results written in
-- another order (after an interruption and a restart) gave r = 0.7549202306769041 in one database and
-- …055 in another. Every such aggregate now reads its rows in a defined order (ORDER BY a natural key
-- inside the aggregate; window aggregates, which cannot take one, became grouped subqueries).
-- The columns of each view stay as they were.
CREATE OR REPLACE VIEW v_fig_test_loss_variance AS
WITH per_size AS (
    SELECT experiment_id, architecture, widths[2] AS hidden_width, count(*) AS n_completed,
           avg(final_test_loss ORDER BY run_key) AS test_loss_mean,
           var_samp(final_test_loss ORDER BY run_key) AS test_loss_variance
    FROM v_runs WHERE status = 'COMPLETED'
    GROUP BY experiment_id, architecture, widths[2]
), logs AS (
    SELECT *, CASE WHEN test_loss_variance > 0 THEN ln(test_loss_variance) END AS ln_variance
    FROM per_size
), fits AS (
    SELECT experiment_id, architecture,
           regr_count(ln_variance, ln(hidden_width)) AS fit_points,
           regr_slope(ln_variance, ln(hidden_width) ORDER BY hidden_width)     AS slope,
           regr_intercept(ln_variance, ln(hidden_width) ORDER BY hidden_width) AS intercept,
           regr_r2(ln_variance, ln(hidden_width) ORDER BY hidden_width)        AS r2
    FROM logs
    GROUP BY experiment_id, architecture
)
SELECT l.experiment_id, l.architecture, l.hidden_width, l.n_completed, l.test_loss_mean, l.test_loss_variance,
       CASE WHEN f.fit_points >= 3 THEN f.slope END     AS loglog_slope,
       CASE WHEN f.fit_points >= 3 THEN f.intercept END AS loglog_intercept,
       CASE WHEN f.fit_points >= 3 THEN f.r2 END        AS loglog_r2
FROM logs l
JOIN fits f ON f.experiment_id = l.experiment_id AND f.architecture = l.architecture;

CREATE OR REPLACE VIEW v_fig_train_test_scatter AS
WITH per_size AS (
    SELECT experiment_id, architecture, widths[2] AS hidden_width, count(*) AS n,
           corr(final_train_loss, final_test_loss ORDER BY run_key) AS pearson_r
    FROM v_runs WHERE status = 'COMPLETED'
    GROUP BY experiment_id, architecture, widths[2]
)
SELECT r.experiment_id, r.architecture, r.widths[2] AS hidden_width, r.run_key, r.final_train_loss AS train_loss,
       r.final_test_loss AS test_loss, s.n, s.pearson_r
FROM v_runs r
JOIN per_size s ON s.experiment_id = r.experiment_id AND s.architecture = r.architecture AND s.hidden_width = r.widths[2]
WHERE r.status = 'COMPLETED';

CREATE OR REPLACE VIEW v_fig_correlation_vs_size AS
WITH per_size AS (
    SELECT experiment_id, architecture, widths[2] AS hidden_width, count(*) AS n,
           corr(final_train_loss, final_test_loss ORDER BY run_key) AS pearson_r
    FROM v_runs WHERE status = 'COMPLETED'
    GROUP BY experiment_id, architecture, widths[2]
)
SELECT s.experiment_id, s.architecture, s.hidden_width, s.n, s.pearson_r,
       CASE WHEN s.n >= 4 AND abs(s.pearson_r) < 1 THEN tanh(atanh(s.pearson_r) - 1.959963984540054 / sqrt(s.n - 3)) END AS ci_low,
       CASE WHEN s.n >= 4 AND abs(s.pearson_r) < 1 THEN tanh(atanh(s.pearson_r) + 1.959963984540054 / sqrt(s.n - 3)) END AS ci_high,
       rv.value AS recalled_r,
       rv.status AS recalled_status
FROM per_size s
LEFT JOIN reference_value rv
       ON rv.finding = 'F4' AND rv.statistic = 'pearson_train_test' AND rv.subject = 'n1=' || s.hidden_width;
