package org.losslab.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.losslab.ExitCodes;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code losslab status}: recent executions with their steps' progress and how many runs are done,
 * read straight from the job repository and results tables (so it works while a job runs elsewhere).
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show executions, step progress and runs done.")
class StatusCommand implements Callable<Integer> {

    @Option(names = "--limit", description = "How many executions to show (default ${DEFAULT-VALUE}).", defaultValue = "10")
    int limit;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext ctx = ApplicationContexts.open()) {
            JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
            List<Map<String, Object>> executions = jdbc.queryForList("""
                    SELECT e.job_execution_id, i.job_name, e.status, e.start_time, e.end_time, x.experiment_id,
                           h.beat_at
                    FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                    LEFT JOIN experiment x ON x.job_instance_id = i.job_instance_id
                    LEFT JOIN heartbeat h ON h.job_execution_id = e.job_execution_id
                    ORDER BY e.job_execution_id DESC LIMIT ?""", limit);
            if (executions.isEmpty()) {
                System.out.println("no executions yet");
            }
            for (Map<String, Object> e : executions) {
                System.out.printf("execution %s  %-20s %-10s started %s  ended %s%s%n", e.get("job_execution_id"),
                        e.get("job_name"), e.get("status"), e.get("start_time"), e.get("end_time"),
                        e.get("beat_at") == null ? "" : "  heartbeat " + e.get("beat_at"));
                printSteps(jdbc, (Long) e.get("job_execution_id"));
                if (e.get("experiment_id") != null) {
                    printRuns(jdbc, (Long) e.get("experiment_id"));
                }
            }
            return ExitCodes.OK;
        }
    }

    private static void printSteps(JdbcTemplate jdbc, long executionId) {
        jdbc.query("""
                SELECT CASE WHEN step_name LIKE 'train-block:%' THEN 'train-block' ELSE step_name END AS step,
                       count(*) AS partitions, count(*) FILTER (WHERE status = 'COMPLETED') AS completed,
                       string_agg(DISTINCT status, ',') AS statuses, sum(write_count) AS written
                FROM batch_step_execution WHERE job_execution_id = ? GROUP BY 1 ORDER BY min(step_execution_id)""",
                rs -> {
                    System.out.printf("    step %-14s %s/%s completed  [%s]  %s epochs/rows written%n",
                            rs.getString(1), rs.getLong(3), rs.getLong(2), rs.getString(4), rs.getLong(5));
                }, executionId);
    }

    private static void printRuns(JdbcTemplate jdbc, long experimentId) {
        jdbc.query("""
                SELECT count(*) FILTER (WHERE status IN ('COMPLETED', 'DIVERGED')), count(*),
                       count(*) FILTER (WHERE status = 'DIVERGED'), coalesce(sum(epochs_done), 0),
                       coalesce(sum(epochs_planned), 0)
                FROM run WHERE experiment_id = ?""",
                rs -> {
                    System.out.printf("    runs %d/%d done (%d diverged), %d/%d network-epochs%n",
                            rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
                }, experimentId);
    }
}
