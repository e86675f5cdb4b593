-- Trainer lists (issue 20 item 1, docs/science.md §A.5.3 and F6): `training.trainer: [batched, annealing]` trains
-- each width x restart by SGD and by annealing in one execution. The trainer is part of a run's natural key: run
-- keys end in /<trainer> when a spec lists several trainers, and (experiment, architecture, widths, activation,
-- restart, trainer) is unique.
--
-- Runs planned before V34 have no trainer: they get the one they had, read from their experiment's canonical spec
-- (only `dl4j` was ever written as `  trainer: dl4j` under training:, the default and the rest were batched).
UPDATE run r
SET trainer = CASE WHEN e.spec_text ~ '(^|\n)  trainer: dl4j(\n|$)' THEN 'dl4j' ELSE 'batched' END
FROM experiment e
WHERE e.experiment_id = r.experiment_id AND r.trainer IS NULL;
ALTER TABLE run ALTER COLUMN trainer SET DEFAULT 'batched';
ALTER TABLE run ALTER COLUMN trainer SET NOT NULL;
CREATE UNIQUE INDEX run_natural_key_idx ON run (experiment_id, architecture, widths, activation, restart, trainer);

-- The descent (SGD) runs of each experiment: those not annealed, or all of an experiment that only anneals. The
-- network figures and findings F2-F5 read these, so annealed twins never enter SGD's distributions; v_runs keeps
-- every run and its trainer (F6 compares the two).
CREATE VIEW v_descent_runs AS
SELECT v.*
FROM v_runs v
WHERE v.trainer <> 'annealing'
   OR NOT EXISTS (SELECT 1 FROM run o WHERE o.experiment_id = v.experiment_id AND o.trainer <> 'annealing');
GRANT SELECT ON v_descent_runs TO losslab_analyst;

-- The network figures, as in V20/V28 but over the descent runs.
CREATE OR REPLACE VIEW v_fig_test_loss_variance AS
WITH per_size AS (
    SELECT experiment_id, architecture, widths[2] AS hidden_width, count(*) AS n_completed,
           avg(final_test_loss ORDER BY run_key) AS test_loss_mean,
           var_samp(final_test_loss ORDER BY run_key) AS test_loss_variance
    FROM v_descent_runs WHERE status = 'COMPLETED'
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
    FROM v_descent_runs WHERE status = 'COMPLETED'
    GROUP BY experiment_id, architecture, widths[2]
)
SELECT r.experiment_id, r.architecture, r.widths[2] AS hidden_width, r.run_key, r.final_train_loss AS train_loss,
       r.final_test_loss AS test_loss, s.n, s.pearson_r
FROM v_descent_runs r
JOIN per_size s ON s.experiment_id = r.experiment_id AND s.architecture = r.architecture AND s.hidden_width = r.widths[2]
WHERE r.status = 'COMPLETED';

CREATE OR REPLACE VIEW v_fig_correlation_vs_size AS
WITH per_size AS (
    SELECT experiment_id, architecture, widths[2] AS hidden_width, count(*) AS n,
           corr(final_train_loss, final_test_loss ORDER BY run_key) AS pearson_r
    FROM v_descent_runs WHERE status = 'COMPLETED'
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

CREATE OR REPLACE VIEW v_fig_test_loss_distribution AS
SELECT experiment_id, architecture, widths[2] AS hidden_width, run_key, restart, final_test_loss AS test_loss
FROM v_descent_runs
WHERE status = 'COMPLETED';
