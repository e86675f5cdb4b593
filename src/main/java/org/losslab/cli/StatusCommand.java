package org.losslab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.losslab.ExitCodes;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code losslab status}: recent executions with their steps' progress and how many runs are done,
 * read straight from the database (so it works while a job runs elsewhere). The job repository is read
 * through its V50 views, so a login of {@code losslab_analyst} can ask too; the heartbeat's host and pid and
 * the workers' leases are shown only to a login that may read them.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show executions, step progress and runs done.")
class StatusCommand implements Callable<Integer> {

    @Option(names = "--limit", description = "How many executions to show (default ${DEFAULT-VALUE}).", defaultValue = "10")
    int limit;

    @Option(names = "--json", description = "One JSON document on stdout (for scripts): {\"executions\": [...]}.")
    boolean json;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new org.losslab.BadInputException("--limit must be a positive integer, not " + limit);
        }
        try (ConfigurableApplicationContext ctx = ApplicationContexts.open()) {
            JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
            boolean machinery = Boolean.TRUE.equals(jdbc.queryForObject(
                    "SELECT has_table_privilege('heartbeat', 'SELECT') AND has_table_privilege('partition_lease', 'SELECT')",
                    Boolean.class));
            List<Map<String, Object>> executions = jdbc.queryForList(machinery ? EXECUTIONS_WITH_HOSTS : EXECUTIONS, limit);
            if (json) {
                printJson(jdbc, executions, machinery);
                return ExitCodes.OK;
            }
            if (executions.isEmpty()) {
                System.out.println("no executions yet");
            }
            for (Map<String, Object> e : executions) {
                System.out.printf("execution %s  %-20s %-10s started %s  ended %s%s%n", e.get("job_execution_id"),
                        e.get("job_name"), e.get("status"), e.get("start_time"), e.get("end_time"),
                        e.get("heartbeat_at") == null ? "" : "  heartbeat " + e.get("heartbeat_at"));
                printSteps(jdbc, (Long) e.get("job_execution_id"));
                if (e.get("experiment_id") != null) {
                    printRuns(jdbc, (Long) e.get("experiment_id"));
                }
            }
            return ExitCodes.OK;
        }
    }

    /** The newest executions, their experiment and heartbeat time: what every reader may see (V50 views). */
    private static final String EXECUTIONS = """
            SELECT e.job_execution_id, e.job_name, e.status, e.exit_code, e.create_time, e.start_time, e.end_time,
                   x.experiment_id, x.instance_no, e.heartbeat_at, NULL AS host, NULL AS pid
            FROM v_job_execution e LEFT JOIN experiment x ON x.job_instance_id = e.job_instance_id
            ORDER BY e.job_execution_id DESC LIMIT ?""";

    /** The same with the heartbeat's host and pid, for logins that may read the job machinery. */
    private static final String EXECUTIONS_WITH_HOSTS = """
            SELECT e.job_execution_id, e.job_name, e.status, e.exit_code, e.create_time, e.start_time, e.end_time,
                   x.experiment_id, x.instance_no, e.heartbeat_at, h.host, h.pid
            FROM v_job_execution e LEFT JOIN experiment x ON x.job_instance_id = e.job_instance_id
            LEFT JOIN heartbeat h ON h.job_execution_id = e.job_execution_id
            ORDER BY e.job_execution_id DESC LIMIT ?""";

    private static void printJson(JdbcTemplate jdbc, List<Map<String, Object>> executions, boolean machinery) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> e : executions) {
            long id = (Long) e.get("job_execution_id");
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("execution_id", id);
            x.put("job", e.get("job_name"));
            x.put("instance", e.get("instance_no"));
            x.put("status", e.get("status"));
            x.put("exit_code", e.get("exit_code"));
            x.put("created", text(e.get("create_time")));
            x.put("started", text(e.get("start_time")));
            x.put("ended", text(e.get("end_time")));
            Map<String, Object> beat = new LinkedHashMap<>();
            beat.put("host", e.get("host"));
            beat.put("pid", e.get("pid"));
            beat.put("at", text(e.get("heartbeat_at")));
            x.put("heartbeat", e.get("heartbeat_at") == null ? null : beat);
            x.put("steps", jdbc.queryForList(STEPS, id));
            x.put("workers", !machinery ? null : jdbc.queryForList("""
                    SELECT l.host, l.pid, count(*) AS partitions,
                           count(*) FILTER (WHERE s.status IN ('STARTING', 'STARTED', 'STOPPING')) AS running
                    FROM partition_lease l JOIN v_step_execution s USING (step_execution_id)
                    WHERE l.job_execution_id = ? GROUP BY 1, 2 ORDER BY 1, 2""", id));
            x.put("runs", e.get("experiment_id") == null ? null
                    : jdbc.queryForMap(RUNS, (Long) e.get("experiment_id")));
            out.add(x);
        }
        System.out.println(JsonMapper.builder().build().writeValueAsString(Map.of("executions", out)));
    }

    private static Object text(Object time) {
        return time == null ? null : time.toString();
    }

    private static final String STEPS = """
            SELECT CASE WHEN step_name LIKE '%:%' THEN split_part(step_name, ':', 1) ELSE step_name END AS step,
                   count(*) AS partitions, count(*) FILTER (WHERE status = 'COMPLETED') AS completed,
                   string_agg(DISTINCT status, ',') AS statuses, sum(write_count) AS written
            FROM v_step_execution WHERE job_execution_id = ? GROUP BY 1 ORDER BY min(step_execution_id)""";

    private static final String RUNS = """
            SELECT count(*) FILTER (WHERE status IN ('COMPLETED', 'DIVERGED')) AS done, count(*) AS total,
                   count(*) FILTER (WHERE status = 'DIVERGED') AS diverged, coalesce(sum(epochs_done), 0) AS epochs_done,
                   coalesce(sum(epochs_planned), 0) AS epochs_planned
            FROM run WHERE experiment_id = ?""";

    private static void printSteps(JdbcTemplate jdbc, long executionId) {
        jdbc.query(STEPS,
                rs -> {
                    System.out.printf("    step %-14s %s/%s completed  [%s]  %s epochs/rows written%n",
                            rs.getString(1), rs.getLong(3), rs.getLong(2), rs.getString(4), rs.getLong(5));
                }, executionId);
    }

    private static void printRuns(JdbcTemplate jdbc, long experimentId) {
        jdbc.query(RUNS,
                rs -> {
                    System.out.printf("    runs %d/%d done (%d diverged), %d/%d network-epochs%n",
                            rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
                }, experimentId);
    }
}
