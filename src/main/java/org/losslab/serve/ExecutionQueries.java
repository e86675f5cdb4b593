package org.losslab.serve;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The view's own reads of the job repository: the execution list and one execution's state, through the
 * views an analyst login may read ({@code v_job_execution}, {@code v_step_execution}; V50), never the
 * {@code batch_*} tables themselves.
 */
@Component
class ExecutionQueries {

    private static final String EXECUTIONS = """
            SELECT e.job_execution_id AS id, e.job_name AS job, x.instance_no AS instance, e.status, e.exit_code,
                   e.start_time, e.end_time,
                   round(extract(epoch FROM coalesce(e.end_time, now()::timestamp) - e.start_time)::numeric, 0) AS seconds,
                   e.heartbeat_at AS heartbeat
            FROM v_job_execution e
            LEFT JOIN experiment x ON x.job_instance_id = e.job_instance_id
            """;

    private final JdbcTemplate jdbc;

    ExecutionQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest executions first. */
    List<Map<String, Object>> recent(int limit) {
        return jdbc.queryForList(EXECUTIONS + " ORDER BY e.job_execution_id DESC LIMIT ?", limit);
    }

    /** One execution's row of {@link #recent}, or null. */
    Map<String, Object> one(long id) {
        List<Map<String, Object>> rows = jdbc.queryForList(EXECUTIONS + " WHERE e.job_execution_id = ?", id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The experiment of execution {@code id}'s job instance, or null (none recorded, or no such execution). */
    Long experimentId(long id) {
        List<Long> ids = jdbc.queryForList("""
                SELECT x.experiment_id FROM v_job_execution e JOIN experiment x USING (job_instance_id)
                WHERE e.job_execution_id = ?""", Long.class, id);
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** Changes whenever the results an execution's report shows can change (a later execution of its instance). */
    String resultsVersion(long id) {
        return jdbc.queryForObject("""
                SELECT max(job_execution_id) || '/' || count(*) || '/' || coalesce(max(end_time)::text, '-')
                       || '/' || string_agg(status, ',' ORDER BY job_execution_id)
                FROM v_job_execution WHERE job_instance_id =
                    (SELECT job_instance_id FROM v_job_execution WHERE job_execution_id = ?)""", String.class, id);
    }

    /** The steps of execution {@code id} as far as they have started: name and whether each has completed. */
    List<org.losslab.pipeline.StepState> steps(long id) {
        return jdbc.query("SELECT step_name, status FROM v_step_execution WHERE job_execution_id = ? ORDER BY step_execution_id",
                (rs, i) -> new org.losslab.pipeline.StepState(rs.getString(1), "COMPLETED".equals(rs.getString(2))), id);
    }

    /** Whether the status means a process is (or claims to be) working on the execution. */
    static boolean running(Object status) {
        return "STARTING".equals(status) || "STARTED".equals(status) || "STOPPING".equals(status);
    }
}
