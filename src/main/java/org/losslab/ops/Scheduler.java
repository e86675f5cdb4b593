package org.losslab.ops;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.support.CronExpression;

/**
 * The loop of {@code losslab schedule}: fires each scheduled spec at its cron times as a fresh
 * job instance, never while the previous launch of the same spec is still going (that firing is
 * skipped and logged). Firings that passed while the loop could not act (the process was
 * suspended, the clock jumped, or it was not running) are logged as missed and not replayed:
 * the next launch is at the next cron time from now.
 */
public final class Scheduler {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
    private static final int MAX_COUNTED = 10_000;

    /** Starts one launch of a spec; the handle says whether it is still going. */
    public interface Launcher {
        Launch launch(Path spec);
    }

    /** A launch in progress. */
    public interface Launch {
        boolean running();

        /** Asks the launch to stop gracefully (SIGTERM) and waits for it. */
        void stop();
    }

    private final Clock clock;
    private final Launcher launcher;
    private final Map<Path, Entry> entries = new LinkedHashMap<>();

    public Scheduler(Map<Path, CronExpression> specs, Clock clock, Launcher launcher) {
        this.clock = clock;
        this.launcher = launcher;
        LocalDateTime now = LocalDateTime.now(clock);
        specs.forEach((spec, cron) -> {
            Entry e = new Entry(cron, cron.next(now));
            entries.put(spec, e);
            log.info("scheduled {} ({}): next launch at {}", spec, cron, e.next);
        });
    }

    /** Acts on every firing due by now; call it often (about once a second). */
    public void tick() {
        LocalDateTime now = LocalDateTime.now(clock);
        entries.forEach((spec, e) -> {
            if (e.next == null || e.next.isAfter(now)) {
                return;
            }
            LocalDateTime due = e.next;
            int missed = 0;
            LocalDateTime next = e.cron.next(due);
            while (next != null && !next.isAfter(now) && missed < MAX_COUNTED) {
                missed++;
                next = e.cron.next(next);
            }
            if (missed > 0) {
                log.warn("{}: {} firing(s) after {} were missed (nothing could launch then); not replaying them",
                        spec, missed, due);
            }
            e.next = next;
            e.fired++;
            if (e.current != null && e.current.running()) {
                e.skipped++;
                log.warn("{}: firing at {} skipped: the previous launch is still running", spec, due);
            } else {
                log.info("{}: launching a fresh instance (firing at {})", spec, due);
                e.current = launcher.launch(spec);
                e.launched++;
            }
            if (e.next != null) {
                log.debug("{}: next launch at {}", spec, e.next);
            }
        });
    }

    /** Stops every running launch gracefully. */
    public void stopAll() {
        List<Launch> running = new ArrayList<>();
        entries.values().forEach(e -> {
            if (e.current != null && e.current.running()) {
                running.add(e.current);
            }
        });
        running.forEach(Launch::stop);
    }

    public boolean anyRunning() {
        return entries.values().stream().anyMatch(e -> e.current != null && e.current.running());
    }

    /** Launches, skipped firings (overlap) and firings seen, per spec. */
    public Map<Path, int[]> counts() {
        Map<Path, int[]> out = new LinkedHashMap<>();
        entries.forEach((p, e) -> out.put(p, new int[] {e.launched, e.skipped, e.fired}));
        return out;
    }

    private static final class Entry {
        final CronExpression cron;
        LocalDateTime next;
        Launch current;
        int launched;
        int skipped;
        int fired;

        Entry(CronExpression cron, LocalDateTime next) {
            this.cron = cron;
            this.next = next;
        }
    }
}
