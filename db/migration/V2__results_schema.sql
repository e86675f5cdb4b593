-- losslab results schema (README "Schema"). Narrow typed tables with natural keys; every row
-- traces to the Spring Batch execution that wrote it; every foreign key is indexed.

-- One experiment per Spring Batch job instance: the effective spec (after --set overrides).
CREATE TABLE experiment (
    experiment_id    BIGSERIAL PRIMARY KEY,
    job_instance_id  BIGINT NOT NULL UNIQUE REFERENCES batch_job_instance (job_instance_id),
    name             TEXT NOT NULL,
    spec_sha256      TEXT NOT NULL,
    spec_text        TEXT NOT NULL,
    seed             BIGINT NOT NULL,
    instance_no      INT NOT NULL DEFAULT 1,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (name, spec_sha256, instance_no)
);

-- Prepared data sets, stored whole so that restarts and remote workers never depend on files.
CREATE TABLE dataset (
    dataset_sha256   TEXT PRIMARY KEY,
    source           TEXT NOT NULL,
    split            TEXT NOT NULL,
    n_train          INT NOT NULL,
    n_test           INT NOT NULL,
    image_rows       INT NOT NULL,
    image_cols       INT NOT NULL,
    payload          BYTEA NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE experiment_dataset (
    experiment_id    BIGINT NOT NULL REFERENCES experiment (experiment_id),
    dataset_sha256   TEXT NOT NULL REFERENCES dataset (dataset_sha256),
    role             TEXT NOT NULL,
    job_execution_id BIGINT NOT NULL REFERENCES batch_job_execution (job_execution_id),
    PRIMARY KEY (experiment_id, role)
);
CREATE INDEX experiment_dataset_dataset_idx ON experiment_dataset (dataset_sha256);
CREATE INDEX experiment_dataset_exec_idx ON experiment_dataset (job_execution_id);

-- What produced the results: code version and numerical backend, per job execution.
CREATE TABLE provenance (
    job_execution_id BIGINT PRIMARY KEY REFERENCES batch_job_execution (job_execution_id),
    experiment_id    BIGINT NOT NULL REFERENCES experiment (experiment_id),
    code_version     TEXT NOT NULL,
    git_commit       TEXT NOT NULL,
    nd4j_backend     TEXT NOT NULL,
    nd4j_classifier  TEXT NOT NULL,
    omp_threads      INT NOT NULL,
    partition_threads INT NOT NULL,
    java_version     TEXT NOT NULL,
    host             TEXT NOT NULL,
    recorded_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX provenance_experiment_idx ON provenance (experiment_id);

-- One row per trained network.
CREATE TABLE run (
    run_id           BIGSERIAL PRIMARY KEY,
    experiment_id    BIGINT NOT NULL REFERENCES experiment (experiment_id),
    run_key          TEXT NOT NULL UNIQUE,
    architecture     TEXT NOT NULL,
    widths           INT[] NOT NULL,
    activation       TEXT NOT NULL,
    seed             BIGINT NOT NULL,
    restart          INT NOT NULL,
    dataset_sha256   TEXT NOT NULL REFERENCES dataset (dataset_sha256),
    status           TEXT NOT NULL DEFAULT 'PENDING'
                     CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'DIVERGED')),
    epochs_planned   INT NOT NULL CHECK (epochs_planned > 0),
    epochs_done      INT NOT NULL DEFAULT 0,
    diverged_epoch   INT,
    job_execution_id BIGINT NOT NULL REFERENCES batch_job_execution (job_execution_id),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX run_experiment_idx ON run (experiment_id);
CREATE INDEX run_dataset_idx ON run (dataset_sha256);
CREATE INDEX run_exec_idx ON run (job_execution_id);

-- Metrics after every epoch; (run, epoch) is the natural key, so a replayed epoch never double counts.
CREATE TABLE epoch_metric (
    run_id            BIGINT NOT NULL REFERENCES run (run_id),
    epoch             INT NOT NULL,
    learning_rate     DOUBLE PRECISION NOT NULL,
    train_loss        DOUBLE PRECISION NOT NULL,
    test_loss         DOUBLE PRECISION NOT NULL,
    train_error       DOUBLE PRECISION NOT NULL,
    test_error        DOUBLE PRECISION NOT NULL,
    seconds           DOUBLE PRECISION NOT NULL,
    step_execution_id BIGINT NOT NULL REFERENCES batch_step_execution (step_execution_id),
    PRIMARY KEY (run_id, epoch)
);
CREATE INDEX epoch_metric_step_idx ON epoch_metric (step_execution_id);

-- The latest checkpoint of each run only (the database does not grow with the epoch count).
CREATE TABLE checkpoint (
    run_id            BIGINT PRIMARY KEY REFERENCES run (run_id),
    epoch             INT NOT NULL,
    iteration         BIGINT NOT NULL,
    params            BYTEA NOT NULL,
    updater_state     BYTEA,
    next_order_seed   BIGINT NOT NULL,
    step_execution_id BIGINT NOT NULL REFERENCES batch_step_execution (step_execution_id),
    written_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX checkpoint_step_idx ON checkpoint (step_execution_id);

CREATE TABLE final_params (
    run_id            BIGINT PRIMARY KEY REFERENCES run (run_id),
    params            BYTEA NOT NULL,
    params_sha256     TEXT NOT NULL,
    step_execution_id BIGINT NOT NULL REFERENCES batch_step_execution (step_execution_id)
);
CREATE INDEX final_params_step_idx ON final_params (step_execution_id);

-- Per-size distribution of final losses (the summarize step).
CREATE TABLE size_summary (
    experiment_id     BIGINT NOT NULL REFERENCES experiment (experiment_id),
    architecture      TEXT NOT NULL,
    hidden_width      INT NOT NULL,
    n_runs            INT NOT NULL,
    n_completed       INT NOT NULL,
    n_diverged        INT NOT NULL,
    test_loss_mean    DOUBLE PRECISION,
    test_loss_sd      DOUBLE PRECISION,
    test_loss_min     DOUBLE PRECISION,
    test_loss_q25     DOUBLE PRECISION,
    test_loss_median  DOUBLE PRECISION,
    test_loss_q75     DOUBLE PRECISION,
    test_loss_max     DOUBLE PRECISION,
    train_loss_mean   DOUBLE PRECISION,
    test_error_mean   DOUBLE PRECISION,
    pearson_train_test DOUBLE PRECISION,
    job_execution_id  BIGINT NOT NULL REFERENCES batch_job_execution (job_execution_id),
    PRIMARY KEY (experiment_id, architecture, hidden_width)
);
CREATE INDEX size_summary_exec_idx ON size_summary (job_execution_id);

-- Liveness of the process that owns a job execution; restart refuses to take over a fresh one.
CREATE TABLE heartbeat (
    job_execution_id BIGINT PRIMARY KEY REFERENCES batch_job_execution (job_execution_id),
    host             TEXT NOT NULL,
    pid              BIGINT NOT NULL,
    beat_at          TIMESTAMPTZ NOT NULL
);

CREATE VIEW v_runs AS
SELECT r.run_key,
       e.name                          AS experiment,
       r.job_execution_id              AS execution_id,
       r.architecture,
       r.widths,
       r.activation,
       r.seed,
       r.restart,
       r.status,
       r.epochs_done,
       r.diverged_epoch,
       m.train_loss                    AS final_train_loss,
       m.test_loss                     AS final_test_loss,
       m.test_error                    AS final_test_error,
       f.params_sha256,
       r.dataset_sha256,
       r.run_id,
       r.experiment_id
FROM run r
JOIN experiment e ON e.experiment_id = r.experiment_id
LEFT JOIN epoch_metric m ON m.run_id = r.run_id AND m.epoch = r.epochs_done
LEFT JOIN final_params f ON f.run_id = r.run_id;
