-- He, Wang & Tao 2020 certificates (science.md §D.5): one row per certificate and data set, with its
-- checks (criterion, value, relation, threshold, pass) and measurements as narrow rows.
CREATE TABLE cell_certificate (
    experiment_id    BIGINT NOT NULL REFERENCES experiment (experiment_id),
    dataset          TEXT NOT NULL,
    certificate      TEXT NOT NULL,
    reference        TEXT NOT NULL,
    passed           BOOLEAN NOT NULL,
    settings         TEXT NOT NULL,
    elapsed_ms       BIGINT NOT NULL,
    job_execution_id BIGINT NOT NULL REFERENCES batch_job_execution (job_execution_id),
    PRIMARY KEY (experiment_id, dataset, certificate)
);
CREATE INDEX cell_certificate_exec_idx ON cell_certificate (job_execution_id);

CREATE TABLE cell_check (
    experiment_id BIGINT NOT NULL,
    dataset       TEXT NOT NULL,
    certificate   TEXT NOT NULL,
    name          TEXT NOT NULL,
    value         DOUBLE PRECISION NOT NULL,
    relation      TEXT NOT NULL,
    threshold     DOUBLE PRECISION NOT NULL,
    pass          BOOLEAN NOT NULL,
    PRIMARY KEY (experiment_id, dataset, certificate, name),
    FOREIGN KEY (experiment_id, dataset, certificate) REFERENCES cell_certificate (experiment_id, dataset, certificate)
);

CREATE TABLE cell_measurement (
    experiment_id BIGINT NOT NULL,
    dataset       TEXT NOT NULL,
    certificate   TEXT NOT NULL,
    name          TEXT NOT NULL,
    value         DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (experiment_id, dataset, certificate, name),
    FOREIGN KEY (experiment_id, dataset, certificate) REFERENCES cell_certificate (experiment_id, dataset, certificate)
);

CREATE VIEW v_cell_certificates AS
SELECT e.name AS experiment, c.dataset, c.certificate, c.reference, c.passed,
       k.name AS check_name, k.value, k.relation, k.threshold, k.pass, c.experiment_id
FROM cell_certificate c JOIN experiment e USING (experiment_id)
LEFT JOIN cell_check k USING (experiment_id, dataset, certificate);
