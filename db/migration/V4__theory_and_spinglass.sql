-- Spin-glass theory (science.md §B) and the spherical 3-spin simulation (§A.5.1).

CREATE TABLE theory_threshold (
    experiment_id    BIGINT NOT NULL REFERENCES experiment (experiment_id),
    p                INT NOT NULL,
    k                INT NOT NULL,             -- -1: E_inf
    e_k              DOUBLE PRECISION NOT NULL,
    job_execution_id BIGINT NOT NULL REFERENCES batch_job_execution (job_execution_id),
    PRIMARY KEY (experiment_id, p, k)
);
CREATE INDEX theory_threshold_exec_idx ON theory_threshold (job_execution_id);

CREATE TABLE complexity_curve (
    experiment_id    BIGINT NOT NULL REFERENCES experiment (experiment_id),
    p                INT NOT NULL,
    k                INT NOT NULL,             -- -1: the total complexity Θ_p
    u                DOUBLE PRECISION NOT NULL,
    theta            DOUBLE PRECISION NOT NULL,
    job_execution_id BIGINT NOT NULL REFERENCES batch_job_execution (job_execution_id),
    PRIMARY KEY (experiment_id, p, k, u)
);
CREATE INDEX complexity_curve_exec_idx ON complexity_curve (job_execution_id);

-- Finite-N Kac–Rice Monte Carlo; log_mean/log_se keep values beyond the double range.
CREATE TABLE kac_rice (
    experiment_id    BIGINT NOT NULL REFERENCES experiment (experiment_id),
    p                INT NOT NULL,
    n                INT NOT NULL,
    theta            DOUBLE PRECISION NOT NULL,  -- rank-one strength; 0 = the exact ABC identity
    k                INT NOT NULL,               -- -1: all indices
    mean             DOUBLE PRECISION NOT NULL,
    se               DOUBLE PRECISION NOT NULL,
    log_mean         DOUBLE PRECISION NOT NULL,
    samples          BIGINT NOT NULL,
    seed             BIGINT NOT NULL,
    job_execution_id BIGINT NOT NULL REFERENCES batch_job_execution (job_execution_id),
    PRIMARY KEY (experiment_id, p, n, theta, k)
);
CREATE INDEX kac_rice_exec_idx ON kac_rice (job_execution_id);

-- Checkpoint of one block of spin-glass restarts (latest state only).
CREATE TABLE spinglass_block (
    experiment_id     BIGINT NOT NULL REFERENCES experiment (experiment_id),
    n                 INT NOT NULL,
    first_restart     INT NOT NULL,
    step              BIGINT NOT NULL,
    state             BYTEA,
    finished          BOOLEAN NOT NULL,
    step_execution_id BIGINT NOT NULL REFERENCES batch_step_execution (step_execution_id),
    PRIMARY KEY (experiment_id, n, first_restart)
);
CREATE INDEX spinglass_block_step_idx ON spinglass_block (step_execution_id);

CREATE TABLE spinglass_result (
    experiment_id     BIGINT NOT NULL REFERENCES experiment (experiment_id),
    n                 INT NOT NULL,
    restart           INT NOT NULL,
    method            TEXT NOT NULL,
    final_energy      DOUBLE PRECISION NOT NULL,  -- u = H/N
    grad_norm         DOUBLE PRECISION NOT NULL,  -- Riemannian gradient norm
    idx               INT,                        -- index of the tangent Hessian (null if not computed)
    steps             BIGINT NOT NULL,
    step_execution_id BIGINT NOT NULL REFERENCES batch_step_execution (step_execution_id),
    PRIMARY KEY (experiment_id, n, restart, method)
);
CREATE INDEX spinglass_result_step_idx ON spinglass_result (step_execution_id);

CREATE VIEW v_theory_thresholds AS
SELECT e.name AS experiment, t.p, t.k, t.e_k, t.experiment_id
FROM theory_threshold t JOIN experiment e USING (experiment_id) WHERE t.k >= 0;

CREATE VIEW v_complexity AS
SELECT e.name AS experiment, c.p, CASE WHEN c.k < 0 THEN NULL ELSE c.k END AS k,
       CASE WHEN c.k < 0 THEN 'total' ELSE 'index' END AS curve, c.u, c.theta, c.experiment_id
FROM complexity_curve c JOIN experiment e USING (experiment_id);

CREATE VIEW v_kac_rice AS
SELECT e.name AS experiment, r.p, r.n, r.theta, CASE WHEN r.k < 0 THEN NULL ELSE r.k END AS k,
       r.mean, r.se, r.samples, r.log_mean, r.log_mean / r.n AS log_mean_per_n, r.experiment_id
FROM kac_rice r JOIN experiment e USING (experiment_id);

CREATE VIEW v_spinglass AS
SELECT e.name AS experiment, s.n, s.restart, s.method, s.final_energy, s.grad_norm, s.idx, s.steps,
       s.experiment_id
FROM spinglass_result s JOIN experiment e USING (experiment_id);
