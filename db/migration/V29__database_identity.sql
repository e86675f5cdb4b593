-- A random identity per database, written into every report directory (.losslab-report), so that a
-- run on another database never overwrites this database's report of the same job and execution
-- number (issue #18 item 5). One row; not for the analyst role (job machinery).
CREATE TABLE database_identity (
    singleton   BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    database_id UUID NOT NULL DEFAULT gen_random_uuid(),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO database_identity DEFAULT VALUES;
REVOKE ALL ON database_identity FROM losslab_analyst;
