-- Theory against experiment (issue 4): the comparison results table, the values recalled from the
-- papers, and one view per figure of the Choromanska network experiment. Figures are drawn only from
-- their views (README "Figures and report"), so anyone can redraw them in any tool.

-- Values the papers report, with how sure we are of them (science.md §0 tags). The comparison step and
-- the figure views read them from here, so there is exactly one copy.
CREATE TABLE reference_value (
    finding     TEXT NOT NULL,              -- science.md §E.2 id, e.g. F4
    statistic   TEXT NOT NULL,
    subject     TEXT NOT NULL,              -- e.g. n1=25
    value       DOUBLE PRECISION NOT NULL,
    source      TEXT NOT NULL,
    status      TEXT NOT NULL,              -- e.g. 'recalled, unverified'
    PRIMARY KEY (finding, statistic, subject)
);
INSERT INTO reference_value (finding, statistic, subject, value, source, status) VALUES
    ('F4', 'pearson_train_test', 'n1=25',  0.7616, 'Choromanska et al. 2015, Table 1 (science.md §A.5.2, §E.2 F4)', 'recalled, unverified'),
    ('F4', 'pearson_train_test', 'n1=50',  0.6861, 'Choromanska et al. 2015, Table 1 (science.md §A.5.2, §E.2 F4)', 'recalled, unverified'),
    ('F4', 'pearson_train_test', 'n1=100', 0.5983, 'Choromanska et al. 2015, Table 1 (science.md §A.5.2, §E.2 F4)', 'recalled, unverified'),
    ('F4', 'pearson_train_test', 'n1=250', 0.5302, 'Choromanska et al. 2015, Table 1 (science.md §A.5.2, §E.2 F4)', 'recalled, unverified'),
    ('F4', 'pearson_train_test', 'n1=500', 0.4081, 'Choromanska et al. 2015, Table 1 (science.md §A.5.2, §E.2 F4)', 'recalled, unverified');

-- One row per comparison of theory or paper against this project's results (the compare step).
-- Natural key experiment × finding × statistic × subject: a restarted compare step rewrites its rows;
-- a rerun of the same spec is a new experiment (instance_no), so rows can be tracked across reruns.
CREATE TABLE comparison (
    experiment_id     BIGINT NOT NULL REFERENCES experiment (experiment_id),
    finding           TEXT NOT NULL,        -- science.md §E.2 id(s), e.g. F4 or F1+F2
    statistic         TEXT NOT NULL,        -- e.g. pearson_train_test, loglog_slope, fraction_in_band
    subject           TEXT NOT NULL,        -- what it is about, e.g. n1=25, N=100, all sizes
    value             DOUBLE PRECISION,
    ci_low            DOUBLE PRECISION,     -- 95% interval where one is defined
    ci_high           DOUBLE PRECISION,
    reference         DOUBLE PRECISION,     -- the paper's or the theory's value, if any
    reference_source  TEXT,
    verdict           TEXT CHECK (verdict IN ('consistent', 'inconsistent', 'undetermined')),
    note              TEXT,
    n_inputs          INT NOT NULL,         -- sample size behind the value
    inputs            TEXT NOT NULL,        -- where the inputs came from (relation and filter)
    inputs_sha256     TEXT NOT NULL,        -- SHA-256 of the canonical input values: changes iff inputs change
    job_execution_id  BIGINT NOT NULL REFERENCES batch_job_execution (job_execution_id),
    step_execution_id BIGINT NOT NULL REFERENCES batch_step_execution (step_execution_id),
    computed_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (experiment_id, finding, statistic, subject)
);
CREATE INDEX comparison_exec_idx ON comparison (job_execution_id);
CREATE INDEX comparison_step_idx ON comparison (step_execution_id);

CREATE VIEW v_comparison AS
SELECT e.name AS experiment, e.instance_no, e.spec_sha256, c.finding, c.statistic, c.subject, c.value,
       c.ci_low, c.ci_high, c.reference, c.reference_source, c.verdict, c.note, c.n_inputs, c.inputs,
       c.inputs_sha256, c.job_execution_id, p.code_version, p.git_commit, c.computed_at, c.experiment_id
FROM comparison c
JOIN experiment e ON e.experiment_id = c.experiment_id
LEFT JOIN provenance p ON p.job_execution_id = c.job_execution_id;

-- Figure: test-loss distribution per hidden width (finding F2; science.md §A.5.2 "Reported" (i)).
CREATE VIEW v_fig_test_loss_distribution AS
SELECT experiment_id, architecture, widths[2] AS hidden_width, run_key, restart, final_test_loss AS test_loss
FROM v_runs
WHERE status = 'COMPLETED';

-- Figure: variance of the test loss against width on log-log axes, with the least-squares fit of
-- ln(variance) on ln(width) (finding F3; science.md §A.5.2 "Reported" (ii)).
CREATE VIEW v_fig_test_loss_variance AS
WITH per_size AS (
    SELECT experiment_id, architecture, widths[2] AS hidden_width, count(*) AS n_completed,
           avg(final_test_loss) AS test_loss_mean, var_samp(final_test_loss) AS test_loss_variance
    FROM v_runs WHERE status = 'COMPLETED'
    GROUP BY experiment_id, architecture, widths[2]
), logs AS (
    SELECT *, CASE WHEN test_loss_variance > 0 THEN ln(test_loss_variance) END AS ln_variance
    FROM per_size
)
SELECT experiment_id, architecture, hidden_width, n_completed, test_loss_mean, test_loss_variance,
       regr_slope(ln_variance, ln(hidden_width)) OVER w     AS loglog_slope,
       regr_intercept(ln_variance, ln(hidden_width)) OVER w AS loglog_intercept,
       regr_r2(ln_variance, ln(hidden_width)) OVER w        AS loglog_r2
FROM logs
WINDOW w AS (PARTITION BY experiment_id, architecture);

-- Figure: final train loss against final test loss, one panel per width, with Pearson r
-- (finding F4; science.md §A.5.2 "Reported" (iii)).
CREATE VIEW v_fig_train_test_scatter AS
SELECT experiment_id, architecture, widths[2] AS hidden_width, run_key, final_train_loss AS train_loss,
       final_test_loss AS test_loss,
       count(*) OVER w                                  AS n,
       corr(final_train_loss, final_test_loss) OVER w   AS pearson_r
FROM v_runs
WHERE status = 'COMPLETED'
WINDOW w AS (PARTITION BY experiment_id, architecture, widths[2]);

-- Figure: Pearson r against width with its 95% Fisher-z interval, next to the recalled Table 1 values
-- (finding F4). The interval needs n >= 4 and |r| < 1.
CREATE VIEW v_fig_correlation_vs_size AS
WITH per_size AS (
    SELECT experiment_id, architecture, widths[2] AS hidden_width, count(*) AS n,
           corr(final_train_loss, final_test_loss) AS pearson_r
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
