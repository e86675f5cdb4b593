-- Stage enumeration (science.md §B.8 item 5, §E.2 F13): every distinct critical point that damped Newton finds
-- per disorder sample of the spherical 3-spin model at small N, and Kac–Rice's expected counts at the same N.
-- All three tables are results: readable by losslab_analyst (default privileges of V3).

-- One row per finished disorder sample; written in the same transaction as its points.
CREATE TABLE enumeration_sample (
    experiment_id     BIGINT NOT NULL REFERENCES experiment (experiment_id),
    p                 INT NOT NULL,
    n                 INT NOT NULL,
    sample            INT NOT NULL,
    starts            INT NOT NULL,              -- Newton starts
    mirrored          BOOLEAN NOT NULL,          -- each converged σ also added −σ
    converged         INT NOT NULL,              -- starts whose Newton run converged
    last_new_start    INT NOT NULL,              -- start that added the last new point (−1: none); saturation check
    points            INT NOT NULL,              -- distinct critical points found
    step_execution_id BIGINT NOT NULL REFERENCES batch_step_execution (step_execution_id),
    PRIMARY KEY (experiment_id, n, sample)
);
CREATE INDEX enumeration_sample_step_idx ON enumeration_sample (step_execution_id);

CREATE TABLE enumeration_point (
    experiment_id      BIGINT NOT NULL,
    n                  INT NOT NULL,
    sample             INT NOT NULL,
    point_no           INT NOT NULL,             -- position in increasing H within the sample
    hamiltonian        DOUBLE PRECISION NOT NULL,
    energy             DOUBLE PRECISION NOT NULL, -- u = H/N
    idx                INT NOT NULL,             -- index of the Riemannian Hessian
    grad_norm          DOUBLE PRECISION NOT NULL, -- ‖∇_S H‖
    min_abs_eigenvalue DOUBLE PRECISION NOT NULL, -- smallest |eigenvalue| of the Riemannian Hessian
    PRIMARY KEY (experiment_id, n, sample, point_no),
    FOREIGN KEY (experiment_id, n, sample) REFERENCES enumeration_sample (experiment_id, n, sample)
);

-- Kac–Rice expected counts at the same N (ABC's identity, θ = 0), per index, over all energies and below u_max.
CREATE TABLE enumeration_kac_rice (
    experiment_id    BIGINT NOT NULL REFERENCES experiment (experiment_id),
    p                INT NOT NULL,
    n                INT NOT NULL,
    idx              INT NOT NULL,
    expected         DOUBLE PRECISION NOT NULL,  -- E Crt_{N,k}(R)
    se               DOUBLE PRECISION NOT NULL,
    u_max            DOUBLE PRECISION NOT NULL,  -- −E_∞(p)
    expected_below   DOUBLE PRECISION NOT NULL,  -- E Crt_{N,k}((−∞, u_max])
    se_below         DOUBLE PRECISION NOT NULL,
    samples          BIGINT NOT NULL,
    seed             BIGINT NOT NULL,
    job_execution_id BIGINT NOT NULL REFERENCES batch_job_execution (job_execution_id),
    PRIMARY KEY (experiment_id, n, idx)
);
CREATE INDEX enumeration_kac_rice_exec_idx ON enumeration_kac_rice (job_execution_id);

-- Per N and index: mean count per disorder sample and its standard error (samples with no point of the index
-- count as 0), the same below u = −E_∞, next to Kac–Rice's expectations.
CREATE VIEW v_enumeration_counts AS
WITH grid AS (
    SELECT s.experiment_id, s.p, s.n, s.sample, k.idx
    FROM enumeration_sample s CROSS JOIN LATERAL generate_series(0, s.n - 1) AS k (idx)
), per_sample AS (
    SELECT g.experiment_id, g.p, g.n, g.sample, g.idx, count(pt.point_no) AS points,
           count(pt.point_no) FILTER (WHERE pt.energy <= kr.u_max) AS points_below
    FROM grid g
    LEFT JOIN enumeration_kac_rice kr USING (experiment_id, n, idx)
    LEFT JOIN enumeration_point pt USING (experiment_id, n, sample, idx)
    GROUP BY g.experiment_id, g.p, g.n, g.sample, g.idx
)
SELECT e.name AS experiment, c.p, c.n, c.idx, count(*) AS samples,
       avg(c.points) AS mean_count, stddev_samp(c.points) / sqrt(count(*)) AS se_count,
       avg(c.points_below) AS mean_count_below, stddev_samp(c.points_below) / sqrt(count(*)) AS se_count_below,
       kr.expected AS kac_rice_expected, kr.se AS kac_rice_se, kr.u_max,
       kr.expected_below AS kac_rice_expected_below, kr.se_below AS kac_rice_se_below, c.experiment_id
FROM per_sample c JOIN experiment e USING (experiment_id)
LEFT JOIN enumeration_kac_rice kr USING (experiment_id, n, idx)
GROUP BY e.name, c.experiment_id, c.p, c.n, c.idx, kr.expected, kr.se, kr.u_max, kr.expected_below, kr.se_below;

-- Per N and index: mean energy u of the points found, with its standard error clustered by disorder sample
-- (points of one sample share the couplings): se = √(m/(m−1) Σ_s (S_s − ū c_s)²) / Σ_s c_s. Sums of doubles run
-- in a fixed order, so the view's bits do not depend on the order in which the rows were written.
CREATE VIEW v_enumeration_energy AS
WITH per_sample AS (
    SELECT experiment_id, n, sample, idx, count(*) AS c, sum(energy ORDER BY point_no) AS s
    FROM enumeration_point GROUP BY experiment_id, n, sample, idx
), totals AS (
    SELECT experiment_id, n, idx, sum(c) AS points, sum(s ORDER BY sample) / sum(c) AS mean_energy,
           count(*) AS samples_with
    FROM per_sample GROUP BY experiment_id, n, idx
), samples AS (
    SELECT experiment_id, n, count(*) AS m FROM enumeration_sample GROUP BY experiment_id, n
)
SELECT e.name AS experiment, t.n, t.idx, t.points, t.samples_with, sm.m AS samples, t.mean_energy,
       CASE WHEN sm.m > 1 THEN sqrt(sm.m::double precision / (sm.m - 1)
            * sum((ps.s - t.mean_energy * ps.c) ^ 2 ORDER BY ps.sample)) / t.points END AS se_energy,
       min(ps.s / ps.c) AS min_sample_mean, max(ps.s / ps.c) AS max_sample_mean, t.experiment_id
FROM totals t JOIN experiment e USING (experiment_id)
JOIN samples sm USING (experiment_id, n)
JOIN per_sample ps USING (experiment_id, n, idx)
GROUP BY e.name, t.experiment_id, t.n, t.idx, t.points, t.samples_with, sm.m, t.mean_energy;
