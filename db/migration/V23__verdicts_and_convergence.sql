-- Verdicts that can fail (issue 14; docs/science.md §E.3): every comparison row names its test, its
-- p-value and level, the smallest effect it could detect where "consistent" rests on failing to reject,
-- its sample sizes, and whether the expectation is the paper's or a reconstruction. Spin-glass descents
-- record whether they converged; cell certificates record an outcome that can be "vacuous".

ALTER TABLE comparison
    ADD COLUMN test               TEXT,                 -- e.g. stratified percentile bootstrap of the OLS slope …
    ADD COLUMN p_value            DOUBLE PRECISION,     -- two-sided unless the test says otherwise
    ADD COLUMN alpha              DOUBLE PRECISION,     -- level of ci_low/ci_high and of the verdict (null: deterministic)
    ADD COLUMN detectable_effect  DOUBLE PRECISION,     -- effect detected with 80 % power, in the statistic's units
    ADD COLUMN n_groups           INT,                  -- groups the statistic combines (widths, sizes N)
    ADD COLUMN min_group_n        INT,                  -- values in the smallest group
    ADD COLUMN expectation_source TEXT;                 -- paper | reconstruction (science.md tags [RECON])
-- Rows computed before this migration keep their values; only F7's expectation is a reconstruction.
UPDATE comparison SET expectation_source = CASE WHEN finding LIKE '%F7%' THEN 'reconstruction' ELSE 'paper' END;
ALTER TABLE comparison
    ALTER COLUMN expectation_source SET NOT NULL,
    ADD CONSTRAINT comparison_expectation_source_check CHECK (expectation_source IN ('paper', 'reconstruction'));

-- A descent stopped at its step cap with ‖∇_S H‖ at or above the tolerance (0.01, main.lua's) is not a
-- critical point: not converged, and its index is not claimed.
ALTER TABLE spinglass_result ADD COLUMN converged BOOLEAN;
UPDATE spinglass_result SET converged = grad_norm < 0.01;
UPDATE spinglass_result SET idx = NULL WHERE NOT converged;
ALTER TABLE spinglass_result
    ALTER COLUMN converged SET NOT NULL,
    ADD CONSTRAINT spinglass_result_index_needs_convergence CHECK (converged OR idx IS NULL);

-- passed: every check passed; failed: a check failed; vacuous: the claim does not apply (the in-cell
-- optimum lies on the cell boundary, so the open cell holds no minimum to test); report-only: no checks
-- (a control), which can never pass.
ALTER TABLE cell_certificate
    ADD COLUMN outcome        TEXT,
    ADD COLUMN outcome_reason TEXT;
UPDATE cell_certificate c SET
    outcome = CASE
        WHEN NOT EXISTS (SELECT 1 FROM cell_check k WHERE k.experiment_id = c.experiment_id
                         AND k.dataset = c.dataset AND k.certificate = c.certificate) THEN 'report-only'
        WHEN c.certificate = 'in-cell-1-hidden' AND EXISTS (
            SELECT 1 FROM cell_measurement m WHERE m.experiment_id = c.experiment_id AND m.dataset = c.dataset
              AND m.certificate = c.certificate AND m.name = 'qp_active_constraints' AND m.value > 0) THEN 'vacuous'
        WHEN c.passed THEN 'passed'
        ELSE 'failed' END,
    outcome_reason = CASE
        WHEN NOT EXISTS (SELECT 1 FROM cell_check k WHERE k.experiment_id = c.experiment_id
                         AND k.dataset = c.dataset AND k.certificate = c.certificate)
            THEN 'no checks: measurements are reported only'
        WHEN c.certificate = 'in-cell-1-hidden' AND EXISTS (
            SELECT 1 FROM cell_measurement m WHERE m.experiment_id = c.experiment_id AND m.dataset = c.dataset
              AND m.certificate = c.certificate AND m.name = 'qp_active_constraints' AND m.value > 0)
            THEN 'the in-cell optimum lies on the cell boundary (qp_active_constraints > 0): the open cell holds no minimum'
        END;
UPDATE cell_certificate SET passed = (outcome = 'passed');
ALTER TABLE cell_certificate
    ALTER COLUMN outcome SET NOT NULL,
    ADD CONSTRAINT cell_certificate_outcome_check CHECK (outcome IN ('passed', 'failed', 'vacuous', 'report-only')),
    ADD CONSTRAINT cell_certificate_passed_is_outcome CHECK (passed = (outcome = 'passed'));
