package org.losslab.job;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.losslab.pipeline.StageProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a job's progress stage by stage (and a report's, as one stage): on a terminal one line per stage on
 * stderr, redrawn in place while the stage runs and ended with a newline when the next stage starts or the
 * work ends (so it never overwrites the result line on stdout); otherwise a log line per running stage every
 * 30 s (CI, nohup).
 */
public final class ProgressMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProgressMonitor.class);

    private final Thread thread;
    private final Supplier<List<StageProgress>> progress;
    private final boolean terminal;
    private final PrintStream out = System.err;
    private final Map<String, ProgressLine> lines = new HashMap<>();
    private String current;
    private volatile boolean running = true;

    /** {@code progress} supplies the stages started so far, in job order (empty while nothing runs). */
    public ProgressMonitor(Supplier<List<StageProgress>> progress) {
        this.progress = progress;
        this.terminal = System.console() != null;
        Duration logEvery = Duration.ofSeconds(Long.getLong("losslab.progress.seconds", 30));
        thread = new Thread(() -> loop(logEvery), "progress");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(Duration logEvery) {
        long lastLog = System.nanoTime();
        try {
            while (running) {
                if (terminal) {
                    draw(snapshot(), false);
                } else if (System.nanoTime() - lastLog > logEvery.toNanos()) {
                    lastLog = System.nanoTime();
                    for (StageProgress p : snapshot()) {
                        if (!p.finished()) {
                            log.info("progress: {}", line(p));
                        }
                    }
                }
                Thread.sleep(terminal ? 500 : 1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Redraws the running stage's line; a stage seen for the first time ends the previous line. */
    private synchronized void draw(List<StageProgress> stages, boolean last) {
        for (StageProgress p : stages) {
            boolean isNew = !lines.containsKey(p.stage());
            if (isNew && current != null) {
                out.println();
            }
            if (isNew || p.stage().equals(current)) {
                current = p.stage();
                out.print("\r" + line(p) + "   ");
            }
        }
        if (last && current != null) {
            out.println();
            current = null;
        }
        out.flush();
    }

    private String line(StageProgress p) {
        long now = System.nanoTime();
        return lines.computeIfAbsent(p.stage(), k -> new ProgressLine(p, now)).text(p, now);
    }

    private List<StageProgress> snapshot() {
        try {
            return progress.get();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2000);
        if (terminal) {
            draw(snapshot(), true);
        }
    }
}
