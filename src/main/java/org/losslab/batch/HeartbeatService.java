package org.losslab.batch;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Liveness of the process that owns a job execution. The owner beats every few seconds; another
 * process may take the execution over (recover and restart it) only when the last beat is older
 * than the staleness limit, or when the owner ran on this host and its pid is gone.
 */
@Service
public class HeartbeatService {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatService.class);
    static final Duration INTERVAL = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;
    private final String host = hostName();

    public HeartbeatService(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Beats for {@code jobExecutionId} until the returned handle is closed. */
    public AutoCloseable beat(long jobExecutionId) {
        long pid = ProcessHandle.current().pid();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartbeat-" + jobExecutionId);
            t.setDaemon(true);
            return t;
        });
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
        return timer::shutdownNow;
    }

    /** Why the execution must not be taken over, or null if its owner is gone. */
    public String liveOwner(long jobExecutionId) {
        List<String> live = jdbc.query("SELECT host, pid, beat_at, now() FROM heartbeat WHERE job_execution_id = ?",
                (rs, i) -> {
                    String h = rs.getString(1);
                    long pid = rs.getLong(2);
                    Instant beat = rs.getTimestamp(3).toInstant();
                    Duration age = Duration.between(beat, rs.getTimestamp(4).toInstant());
                    boolean deadHere = h.equals(host) && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
                    if (deadHere || age.compareTo(staleAfter()) > 0) {
                        return null;
                    }
                    return "process " + pid + " on " + h + " beat " + age.toSeconds() + " s ago";
                }, jobExecutionId);
        return live.isEmpty() ? null : live.get(0);
    }

    static Duration staleAfter() {
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
