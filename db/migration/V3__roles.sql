-- Two group roles (NOLOGIN; README "Reliability", "Roles"). Log-in users are created by the
-- administrator as members, e.g. CREATE ROLE alice LOGIN PASSWORD '...' IN ROLE losslab_analyst.
--   losslab_app      reads and writes the results and Spring Batch tables (what `losslab run` needs
--                    once the schema exists); no DDL, cannot alter the migration history.
--   losslab_analyst  reads results and views only: never checkpoint, final_params.params or
--                    dataset.payload (column-level grants), nor the job machinery (batch_*,
--                    heartbeat, flyway_schema_history); cannot write anything.
-- Roles are cluster-wide while this migration runs in every database (each test database too),
-- so it tolerates roles that exist already, even ones created concurrently by another database.
DO $$
DECLARE
    r TEXT;
BEGIN
    FOREACH r IN ARRAY ARRAY['losslab_app', 'losslab_analyst'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL; -- created at the same moment by the migration of another database
            END;
        END IF;
    END LOOP;
END
$$;

-- Nobody but the owner creates objects in the schema (already the default since PostgreSQL 15).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO losslab_app, losslab_analyst;

-- losslab_app: every table and sequence, now and later (tables created by this migrating user).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO losslab_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO losslab_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO losslab_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO losslab_app;
-- Flyway's history is read at start-up (validation) but only the owner migrates.
DO $$
BEGIN
    IF to_regclass('flyway_schema_history') IS NOT NULL THEN
        REVOKE INSERT, UPDATE, DELETE ON flyway_schema_history FROM losslab_app;
    END IF;
END
$$;

-- losslab_analyst: results and views, whole tables where nothing is confidential ...
GRANT SELECT ON experiment, experiment_dataset, provenance, run, epoch_metric, size_summary, v_runs
    TO losslab_analyst;
-- ... and column by column where a table holds parameters or the digits themselves.
GRANT SELECT (run_id, params_sha256, step_execution_id) ON final_params TO losslab_analyst;
GRANT SELECT (dataset_sha256, source, split, n_train, n_test, image_rows, image_cols, created_at)
    ON dataset TO losslab_analyst;
-- Results tables added by later migrations (reports, ...) are readable by default. A later
-- migration that adds a table the analyst must not read revokes it explicitly:
--   REVOKE ALL ON new_table FROM losslab_analyst;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO losslab_analyst;
