package org.losslab.job;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.losslab.store.PartitionLeaseStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Liveness of the process that owns a job execution. The owner beats every few seconds; another
 * process may take the execution over (recover and restart it) only when the last beat is older
 * than the staleness limit, or when the owner ran on this host and its pid is gone. Remote workers
 * beat the same way for the partitions they hold ({@code partition_lease}): an execution with a
 * partition on a live worker is not taken over either, while a dead worker's partition never blocks.
 */
@Service
public class HeartbeatService {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatService.class);
    static final Duration INTERVAL = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;
    private final PartitionLeaseStore leases;
    private final String host = hostName();

    public HeartbeatService(JdbcTemplate jdbc, PartitionLeaseStore leases) {
        this.jdbc = jdbc;
        this.leases = leases;
    }

    /** A one-thread scheduler on a daemon thread (it never keeps the JVM alive), for beats and watches. */
    public static ScheduledExecutorService daemonTimer(String threadName) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Beats for {@code jobExecutionId} until the returned handle is closed. */
    public AutoCloseable beat(long jobExecutionId) {
        long pid = ProcessHandle.current().pid();
        ScheduledExecutorService timer = daemonTimer("heartbeat-" + jobExecutionId);
        timer.scheduleAtFixedRate(() -> {
            try {
                jdbc.update("""
                        INSERT INTO heartbeat (job_execution_id, host, pid, beat_at) VALUES (?, ?, ?, now())
                        ON CONFLICT (job_execution_id) DO UPDATE SET host = EXCLUDED.host, pid = EXCLUDED.pid,
                            beat_at = EXCLUDED.beat_at""", jobExecutionId, host, pid);
            } catch (RuntimeException e) {
                log.warn("heartbeat of execution {} not written: {}", jobExecutionId, e.getMessage());
            }
        }, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return () -> {
            // the launch ended (completed, failed or stopped): no process owns the execution any more,
            // so its row goes too (a beat in flight is waited for, or it would write the row again)
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
            try {
                jdbc.update("DELETE FROM heartbeat WHERE job_execution_id = ? AND host = ? AND pid = ?",
                        jobExecutionId, host, pid);
            } catch (RuntimeException e) {
                log.warn("heartbeat of execution {} not removed: {}", jobExecutionId, e.getMessage());
            }
        };
    }

    /** Why the execution must not be taken over, or null if its owner (and every worker holding a partition) is gone. */
    public String liveOwner(long jobExecutionId) {
        List<String> live = jdbc.query("SELECT host, pid, (EXTRACT(EPOCH FROM now() - beat_at) * 1000)::bigint "
                        + "FROM heartbeat WHERE job_execution_id = ?",
                (rs, i) -> describeIfLive(rs.getString(1), rs.getLong(2), Duration.ofMillis(rs.getLong(3))),
                jobExecutionId);
        if (!live.isEmpty() && live.get(0) != null) {
            return live.get(0);
        }
        return liveWorker(jobExecutionId);
    }

    /** A live remote worker that holds a running partition of the execution, or null. */
    public String liveWorker(long jobExecutionId) {
        for (PartitionLeaseStore.Lease lease : leases.running(jobExecutionId)) {
            String worker = describeIfLive(lease.host(), lease.pid(), lease.age());
            if (worker != null) {
                return "worker " + worker + " (holding partition " + lease.stepName() + ")";
            }
        }
        return null;
    }

    /** Beats for a partition this process (a worker) holds, until the returned handle is closed. */
    public AutoCloseable beatPartition(long stepExecutionId) {
        ScheduledExecutorService timer = daemonTimer("partition-heartbeat-" + stepExecutionId);
        timer.scheduleAtFixedRate(() -> {
            try {
                leases.beat(stepExecutionId);
            } catch (RuntimeException e) {
                log.warn("heartbeat of partition {} not written: {}", stepExecutionId, e.getMessage());
            }
        }, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }

    /**
     * "process PID on HOST beat N s ago" while that process may still be alive, or null when it is
     * gone: its beat is older than the staleness limit, or it ran on this host and its pid is dead.
     */
    public String describeIfLive(String ownerHost, long pid, Duration age) {
        boolean deadHere = ownerHost.equals(host) && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        if (deadHere || age.compareTo(staleAfter()) > 0) {
            return null;
        }
        return "process " + pid + " on " + ownerHost + " beat " + age.toSeconds() + " s ago";
    }

    public String host() {
        return host;
    }

    public static Duration staleAfter() {
        // a system property of the same name wins (in-process tests), as in DatabaseSettings
        String v = System.getProperty("LOSSLAB_HEARTBEAT_STALE_SECONDS", System.getenv("LOSSLAB_HEARTBEAT_STALE_SECONDS"));
        return Duration.ofSeconds(v == null || v.isBlank() ? 30 : Long.parseLong(v.trim()));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
