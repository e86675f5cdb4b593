package org.losslab.job;

import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows training progress (network-epochs done of planned): a progress bar with rate and ETA on a
 * terminal, plain periodic log lines otherwise (CI logs, nohup, schedulers).
 */
final class ProgressMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProgressMonitor.class);

    private final Thread thread;
    private volatile boolean running = true;

    /** {@code progress} supplies {done, planned}, or null while nothing is planned yet. */
    ProgressMonitor(String name, java.util.function.Supplier<long[]> progress) {
        boolean terminal = System.console() != null;
        Duration logEvery = Duration.ofSeconds(Long.getLong("losslab.progress.seconds", 30));
        thread = new Thread(() -> loop(name, progress, terminal, logEvery), "progress");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(String name, java.util.function.Supplier<long[]> progress, boolean terminal, Duration logEvery) {
        ProgressBar bar = null;
        long lastLog = System.nanoTime();
        long startDone = -1;
        long start = System.nanoTime();
        try {
            while (running) {
                long[] p = safe(progress);
                if (p != null && p[1] > 0) {
                    if (startDone < 0) {
                        startDone = p[0];
                    }
                    if (terminal) {
                        if (bar == null) {
                            bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(p[1])
                                    .setStyle(ProgressBarStyle.ASCII).setUnit(" epochs", 1).showSpeed().build();
                        }
                        bar.stepTo(p[0]);
                    } else if (System.nanoTime() - lastLog > logEvery.toNanos()) {
                        lastLog = System.nanoTime();
                        double secs = (lastLog - start) / 1e9;
                        double rate = (p[0] - startDone) / Math.max(secs, 1e-9);
                        String eta = rate > 0 ? Duration.ofSeconds((long) ((p[1] - p[0]) / rate)).toString() : "unknown";
                        log.info("{}: {} of {} network-epochs ({}%), {} /s, ETA {}", name, p[0], p[1],
                                String.format("%.1f", 100.0 * p[0] / p[1]), String.format("%.2f", rate), eta);
                    }
                }
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (bar != null) {
                long[] p = safe(progress);
                if (p != null) {
                    bar.stepTo(p[0]);
                }
                bar.close();
            }
        }
    }

    private static long[] safe(java.util.function.Supplier<long[]> progress) {
        try {
            return progress.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2000);
    }
}
