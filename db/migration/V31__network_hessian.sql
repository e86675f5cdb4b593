-- The Hessian of each selected trained network's training loss at its final parameters (issue 19;
-- docs/science.md §A.6): one summary row per run and its spectral density as a histogram. Both are
-- results (readable by losslab_analyst); the stage keeps no other state: a run's row is its progress.

CREATE TABLE hessian_network (
    run_id                  BIGINT PRIMARY KEY REFERENCES run (run_id),
    experiment_id           BIGINT NOT NULL REFERENCES experiment (experiment_id),
    n_params                INT NOT NULL CHECK (n_params > 0),
    method                  TEXT NOT NULL CHECK (method IN ('exact', 'lanczos')),
    train_loss              DOUBLE PRECISION NOT NULL,  -- recomputed in double precision at the point
    grad_norm               DOUBLE PRECISION NOT NULL,  -- ‖∇L‖₂ of the mean training loss
    critical                BOOLEAN NOT NULL,           -- grad_norm ≤ critical_grad_norm
    critical_grad_norm      DOUBLE PRECISION NOT NULL,
    lambda_min              DOUBLE PRECISION NOT NULL,
    lambda_min_error        DOUBLE PRECISION NOT NULL,  -- 0 when exact; Ritz residual bound for Lanczos
    lambda_max              DOUBLE PRECISION NOT NULL,
    lambda_max_error        DOUBLE PRECISION NOT NULL,
    zero_tolerance          DOUBLE PRECISION NOT NULL,  -- relative to ‖H‖₂
    zero_threshold          DOUBLE PRECISION NOT NULL,  -- |λ| ≤ this counts as zero
    negative_count          BIGINT NOT NULL,            -- eigenvalues below −zero_threshold (Lanczos: estimate)
    negative_lower_bound    BIGINT NOT NULL,            -- exact, or the rigorous Lanczos lower bound
    negative_fraction       DOUBLE PRECISION NOT NULL,
    negative_fraction_low   DOUBLE PRECISION NOT NULL,  -- equal to the fraction when exact
    negative_fraction_high  DOUBLE PRECISION NOT NULL,
    negative_fraction_error DOUBLE PRECISION NOT NULL,  -- bracket half-width + 2 standard errors (0 when exact)
    zero_count              BIGINT NOT NULL,
    zero_fraction           DOUBLE PRECISION NOT NULL,
    zero_fraction_error     DOUBLE PRECISION NOT NULL,
    product_count           INT NOT NULL,               -- Hessian-vector products (0 when exact)
    cpu_seconds             DOUBLE PRECISION NOT NULL,
    seed                    BIGINT NOT NULL,            -- of the Lanczos start and SLQ probes
    step_execution_id       BIGINT NOT NULL REFERENCES batch_step_execution (step_execution_id),
    computed_at             TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX hessian_network_experiment_idx ON hessian_network (experiment_id);
CREATE INDEX hessian_network_step_idx ON hessian_network (step_execution_id);

-- Spectral density as equal-width bins over [λ_min, λ_max]: the fraction of the spectrum in each
-- (exact eigenvalues, or the SLQ Gauss weights averaged over probes). Masses sum to 1 per run.
CREATE TABLE hessian_density (
    run_id BIGINT NOT NULL REFERENCES hessian_network (run_id),
    bin    INT NOT NULL CHECK (bin >= 0),
    lo     DOUBLE PRECISION NOT NULL,
    hi     DOUBLE PRECISION NOT NULL,
    mass   DOUBLE PRECISION NOT NULL CHECK (mass >= 0),
    PRIMARY KEY (run_id, bin)
);

-- One row per analysed network. The index (index, index_fraction) is claimed only at critical points;
-- negative_count and negative_fraction describe the spectrum wherever the point is.
CREATE VIEW v_network_hessian AS
SELECT e.name AS experiment, r.run_key, r.widths[2] AS width, cardinality(r.widths) - 2 AS hidden_layers,
       r.restart, h.n_params, h.grad_norm, h.critical, h.lambda_min, h.lambda_max, h.negative_count,
       h.negative_fraction, h.zero_count, h.zero_fraction, h.method,
       CASE WHEN h.critical THEN h.negative_count END    AS index,
       CASE WHEN h.critical THEN h.negative_fraction END AS index_fraction,
       h.negative_lower_bound, h.negative_fraction_error, h.lambda_min_error, h.lambda_max_error,
       h.zero_threshold, h.zero_tolerance, h.critical_grad_norm, h.train_loss AS hessian_train_loss,
       m.train_loss AS final_train_loss, m.test_loss AS final_test_loss, h.product_count, h.cpu_seconds,
       r.run_id, h.experiment_id
FROM hessian_network h
JOIN run r USING (run_id)
JOIN experiment e ON e.experiment_id = h.experiment_id
LEFT JOIN epoch_metric m ON m.run_id = r.run_id AND m.epoch = r.epochs_done;

CREATE VIEW v_network_hessian_density AS
SELECT e.name AS experiment, r.run_key, r.widths[2] AS width, cardinality(r.widths) - 2 AS hidden_layers,
       h.method, d.bin, d.lo, d.hi, d.mass, h.experiment_id
FROM hessian_density d
JOIN hessian_network h USING (run_id)
JOIN run r USING (run_id)
JOIN experiment e ON e.experiment_id = h.experiment_id;

GRANT SELECT ON hessian_network, hessian_density, v_network_hessian, v_network_hessian_density TO losslab_analyst;
