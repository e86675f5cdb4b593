package org.losslab.store;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Leases of partitions held by remote workers ({@code partition_lease}): claimed once per step
 * execution, beaten while the worker trains it.
 */
@Repository
public class PartitionLeaseStore {

    private final JdbcTemplate jdbc;

    public PartitionLeaseStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims a partition for this worker; false if another worker already claimed it. */
    public boolean claim(long stepExecutionId, long jobExecutionId, String host, long pid, int ompThreads,
                         Instant sentAt, Instant receivedAt) {
        return jdbc.update("""
                INSERT INTO partition_lease (step_execution_id, job_execution_id, host, pid, omp_threads, sent_at,
                    received_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (step_execution_id) DO NOTHING""",
                stepExecutionId, jobExecutionId, host, pid, ompThreads,
                sentAt == null ? null : Timestamp.from(sentAt), Timestamp.from(receivedAt)) == 1;
    }

    public void beat(long stepExecutionId) {
        jdbc.update("UPDATE partition_lease SET beat_at = now() WHERE step_execution_id = ?", stepExecutionId);
    }

    /** Leases of partitions of {@code jobExecutionId} whose step execution is still running. */
    public List<Lease> running(long jobExecutionId) {
        return jdbc.query("""
                SELECT l.step_execution_id, s.step_name, l.host, l.pid, (EXTRACT(EPOCH FROM now() - l.beat_at) * 1000)::bigint AS age_ms
                FROM partition_lease l JOIN batch_step_execution s USING (step_execution_id)
                WHERE l.job_execution_id = ? AND s.status IN ('STARTING', 'STARTED', 'STOPPING')
                ORDER BY l.step_execution_id""",
                (rs, i) -> new Lease(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        Duration.ofMillis(rs.getLong(5))),
                jobExecutionId);
    }

    /** Step executions of {@code stepName}'s partitions that are STARTING and that no worker claimed. */
    public List<Long> unclaimed(long jobExecutionId, String stepName) {
        return jdbc.queryForList("""
                SELECT s.step_execution_id FROM batch_step_execution s
                WHERE s.job_execution_id = ? AND s.step_name LIKE ? AND s.status = 'STARTING'
                  AND NOT EXISTS (SELECT 1 FROM partition_lease l WHERE l.step_execution_id = s.step_execution_id)""",
                Long.class, jobExecutionId, stepName + ":%");
    }

    /** A worker's hold on a running partition and the age of its last beat. */
    public record Lease(long stepExecutionId, String stepName, String host, long pid, Duration age) {
    }
}
