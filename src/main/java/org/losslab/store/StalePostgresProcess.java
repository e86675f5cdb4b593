package org.losslab.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server left behind when its owner was killed (kill -9 skips zonky's shutdown): a
 * postgres still running on our data directory, or a stale {@code postmaster.pid}. Left alone,
 * the next start waits for a timeout; so we stop it, after checking that the pid really is a
 * postgres serving this very data directory.
 */
final class StalePostgresProcess {

    private static final Logger log = LoggerFactory.getLogger(StalePostgresProcess.class);

    private StalePostgresProcess() {
    }

    /** Port of a live postgres on {@code dataDir}, from line 4 of postmaster.pid. */
    static Optional<Integer> livePort(Path dataDir) {
        return serverPid(dataDir).flatMap(pid -> readPid(dataDir).map(lines -> Integer.parseInt(lines.get(3).trim())));
    }

    /** Stops a postgres left running on {@code dataDir} and removes a stale pid file. */
    static void clear(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        Optional<Long> pid = serverPid(dataDir);
        if (pid.isPresent()) {
            log.warn("Stopping stale embedded PostgreSQL (pid {}) left running on {}", pid.get(), dataDir);
            ProcessHandle.of(pid.get()).ifPresent(p -> {
                signal(pid.get(), "INT");
                if (!waitFor(p, Duration.ofSeconds(15))) {
                    p.destroyForcibly();
                    waitFor(p, Duration.ofSeconds(5));
                }
            });
        }
        Files.deleteIfExists(pidFile);
    }

    /** The pid in postmaster.pid if that process is alive and is a postgres on this data directory. */
    static Optional<Long> serverPid(Path dataDir) {
        Optional<List<String>> lines = readPid(dataDir);
        if (lines.isEmpty() || lines.get().size() < 4) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get().get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            return Optional.empty();
        }
        String cmd = commandLine(pid);
        boolean ours = cmd.contains("postgres") && Path.of(lines.get().get(1).trim()).equals(dataDir);
        return ours ? Optional.of(pid) : Optional.empty();
    }

    private static Optional<List<String>> readPid(Path dataDir) {
        try {
            return Optional.of(Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static void signal(long pid, String sig) {
        try {
            new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).inheritIO().start().waitFor();
        } catch (IOException e) {
            log.warn("kill -{} {} failed: {}", sig, pid, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean waitFor(ProcessHandle p, Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (p.isAlive() && System.nanoTime() < end) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !p.isAlive();
    }
}
