-- What a reader of results needs of the job machinery, without the machinery itself (issue #17: losslab serve
-- and losslab report as a login of losslab_analyst). The job repository's tables stay closed to the analyst:
-- job parameters, execution contexts (partition state), exit messages (stack traces, host names) and the
-- heartbeat's host and pid. These views show only an execution's identity, status and times, its steps'
-- names, status, counts and times, the heartbeat's time, and the schema's version. The steps an execution was
-- assembled with (V47) are pipeline step names, nothing confidential: readable from here on.
CREATE VIEW v_job_execution AS
SELECT e.job_execution_id, e.job_instance_id, i.job_name, e.status, e.exit_code,
       e.create_time, e.start_time, e.end_time, e.last_updated, h.beat_at AS heartbeat_at
FROM batch_job_execution e
JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
LEFT JOIN heartbeat h ON h.job_execution_id = e.job_execution_id;

CREATE VIEW v_step_execution AS
SELECT step_execution_id, job_execution_id, step_name, status, read_count, write_count, commit_count,
       rollback_count, start_time, end_time, last_updated
FROM batch_step_execution;

-- The newest migration applied with success: a read-only reader compares it with the migrations it carries
-- (store.SchemaGuard) instead of reading Flyway's history table.
CREATE VIEW v_schema_version AS
SELECT max(string_to_array(version, '.')::int[]) AS version_parts,
       array_to_string(max(string_to_array(version, '.')::int[]), '.') AS version
FROM flyway_schema_history
WHERE success AND version IS NOT NULL;

GRANT SELECT ON v_job_execution, v_step_execution, v_schema_version, execution_step_plan TO losslab_analyst;

-- The database's random identity (V29) marks report directories; an analyst writing a report needs it.
GRANT SELECT ON database_identity TO losslab_analyst;
