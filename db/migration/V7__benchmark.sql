-- Performance over time: one row per measured quantity of a benchmark run, with machine and provenance.
CREATE TABLE benchmark_run (
    benchmark_run_id BIGSERIAL PRIMARY KEY,
    benchmark        TEXT NOT NULL,
    quick            BOOLEAN NOT NULL,
    host             TEXT NOT NULL,
    cores            INT NOT NULL,
    code_version     TEXT NOT NULL,
    git_commit       TEXT NOT NULL,
    nd4j_backend     TEXT NOT NULL,
    nd4j_classifier  TEXT NOT NULL,
    omp_threads      INT NOT NULL,
    java_version     TEXT NOT NULL,
    ran_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE benchmark_result (
    benchmark_run_id BIGINT NOT NULL REFERENCES benchmark_run (benchmark_run_id),
    name             TEXT NOT NULL,
    value            DOUBLE PRECISION NOT NULL,
    unit             TEXT NOT NULL,
    PRIMARY KEY (benchmark_run_id, name)
);
