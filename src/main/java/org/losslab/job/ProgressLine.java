package org.losslab.job;

import java.time.Duration;
import java.util.Locale;
import org.losslab.pipeline.StageProgress;

/**
 * The text of one stage's progress: done/total with percent, the rate since the stage was first seen
 * and the time left at that rate ({@code ETA ?} until the rate is known).
 */
public final class ProgressLine {

    private final long firstDone;
    private final long firstNanos;

    /** Measures the rate from {@code first}, seen at {@code nanos} ({@link System#nanoTime()}). */
    public ProgressLine(StageProgress first, long nanos) {
        this.firstDone = first.done();
        this.firstNanos = nanos;
    }

    public String text(StageProgress p, long nanos) {
        double seconds = (nanos - firstNanos) / 1e9;
        double rate = seconds > 0.5 ? (p.done() - firstDone) / seconds : 0;
        String eta = p.finished() ? "done" : rate > 0 ? "ETA " + duration((long) Math.ceil((p.total() - p.done()) / rate)) : "ETA ?";
        return String.format(Locale.ROOT, "%-10s %d/%d %s (%.0f%%), %s/s, %s", p.stage(), p.done(), p.total(), p.unit(),
                p.total() == 0 ? 0.0 : 100.0 * p.done() / p.total(), rate(rate), eta);
    }

    private static String rate(double r) {
        return r >= 10 ? String.format(Locale.ROOT, "%.0f", r) : String.format(Locale.ROOT, "%.2f", r);
    }

    /** e.g. {@code 1h05m}, {@code 3m07s}, {@code 42s}. */
    public static String duration(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        return d.toHours() > 0 ? String.format(Locale.ROOT, "%dh%02dm", d.toHours(), d.toMinutesPart())
                : d.toMinutes() > 0 ? String.format(Locale.ROOT, "%dm%02ds", d.toMinutes(), d.toSecondsPart())
                : d.toSeconds() + "s";
    }
}
