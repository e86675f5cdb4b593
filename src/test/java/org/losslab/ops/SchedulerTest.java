package org.losslab.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.BadInputException;
import org.losslab.spec.JobSpec;
import org.losslab.spec.Schedule;
import org.springframework.scheduling.support.CronExpression;

/**
 * The scheduling rules of {@code losslab schedule} on a simulated clock: launches of a spec never
 * overlap (a firing while the previous launch runs is skipped), a long pause launches once instead
 * of replaying every missed firing, and the {@code schedule:} key is validated and kept out of the
 * spec's stored text and hash.
 */
class SchedulerTest {

    @Test
    void launchesOfASpecNeverOverlapAndMissedFiringsAreNotReplayed() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        List<Instant[]> launches = new ArrayList<>();
        Duration jobTakes = Duration.ofSeconds(25);
        Scheduler.Launcher launcher = spec -> {
            Instant start = clock.instant();
            Instant[] interval = {start, start.plus(jobTakes)};
            for (Instant[] earlier : launches) {
                assertThat(earlier[1]).as("a launch started while the previous one ran").isBeforeOrEqualTo(start);
            }
            launches.add(interval);
            return new Scheduler.Launch() {
                @Override
                public boolean running() {
                    return clock.instant().isBefore(interval[1]);
                }

                @Override
                public void stop() {
                }
            };
        };
        Path spec = Path.of("jobs/every-10s.yaml");
        Scheduler scheduler = new Scheduler(Map.of(spec, CronExpression.parse("*/10 * * * * *")), clock, launcher);

        for (int s = 0; s < 120; s++) {
            clock.advance(Duration.ofSeconds(1));
            scheduler.tick();
        }
        // firings at 10, 20, ..., 120 s; each launch runs 25 s: launched at 10, 40, 70, 100
        assertThat(launches).hasSize(4);
        assertThat(scheduler.counts().get(spec)).containsExactly(4, 8, 12);

        clock.advance(Duration.ofSeconds(1000)); // suspended: 100 firings passed
        scheduler.tick();
        assertThat(launches).as("one launch after the pause, not one per missed firing").hasSize(5);
        assertThat(scheduler.counts().get(spec)[2]).isEqualTo(13);
        clock.advance(Duration.ofSeconds(1));
        scheduler.tick();
        assertThat(launches).hasSize(5);
    }

    @Test
    void scheduleKeyIsValidatedAndNotPartOfTheExperiment(@TempDir Path tmp) throws Exception {
        String base = Files.readString(Path.of("jobs/quickstart.yaml"));
        Path plain = Files.writeString(tmp.resolve("plain.yaml"), base);
        Path daily = Files.writeString(tmp.resolve("daily.yaml"), base + "schedule: \"30 3 * * *\"\n");
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), base + "schedule: \"every day\"\n");

        assertThat(Schedule.of(plain)).isEmpty();
        assertThat(Schedule.of(daily)).hasValue(CronExpression.parse("0 30 3 * * *"));
        assertThat(JobSpec.load(daily, List.of()).sha256()).as("the schedule does not change the spec hash")
                .isEqualTo(JobSpec.load(plain, List.of()).sha256());
        assertThat(JobSpec.load(daily, List.of()).text()).doesNotContain("schedule");
        assertThatThrownBy(() -> Schedule.of(bad)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("schedule must be a cron expression");
        assertThatThrownBy(() -> JobSpec.load(bad, List.of())).isInstanceOf(BadInputException.class);
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
