package org.losslab.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code losslab} as a separate JVM (the same main class and, when this JVM has it, the same Vector API module
 * the launcher runs), on the test classpath, so tests can SIGKILL it for real. Output goes to a log file for diagnosis.
 */
public final class LosslabProcess {

    private LosslabProcess() {
    }

    public static Process start(TestDatabase db, Path log, Map<String, String> env, String... args) throws IOException {
        return start(db.url(), db.user(), log, env, args);
    }

    /** On the database at a JDBC URL (e.g. a {@link PrivatePostgres}). */
    public static Process start(String url, String user, Path log, Map<String, String> env, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g"));
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            cmd.addAll(List.of("--add-modules", "jdk.incubator.vector")); // as the launcher does: the vector kernels
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.losslab.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("LOSSLAB_DB_URL", url);
        pb.environment().put("LOSSLAB_DB_USER", user);
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("LOSSLAB_OMP_THREADS", "1");
        pb.environment().putAll(env);
        pb.directory(new File(System.getProperty("user.dir")));
        return pb.start();
    }

    /** Runs to the end and returns the exit code. */
    public static int run(TestDatabase db, Path log, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        return run(db.url(), db.user(), log, env, args);
    }

    /** Runs to the end on the database at a JDBC URL and returns the exit code. */
    public static int run(String url, String user, Path log, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Process p = start(url, user, log, env, args);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("losslab " + String.join(" ", args) + " did not finish; see " + log);
        }
        return p.exitValue();
    }

    /**
     * Starts losslab on one partition thread, paused the n-th time it reaches chaos point {@code point} (through
     * the fault seam), waits for the pause, checks that a transaction is open, and SIGKILLs it.
     */
    public static void killAt(TestDatabase db, Path tmp, Path log, String point, int n, String... args)
            throws Exception {
        Path signal = tmp.resolve("paused-" + point + "-" + n);
        Process p = start(db, log, Map.of("LOSSLAB_THREADS", "1", "LOSSLAB_FAULTS_ENABLED", "true",
                "LOSSLAB_CHAOS_PAUSE", point + ":" + n, "LOSSLAB_CHAOS_SIGNAL", signal.toString()), args);
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (!Files.exists(signal)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("losslab did not pause at " + point + " #" + n + ": " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        List<String> open = db.strings("SELECT count(*)::text FROM pg_stat_activity WHERE datname = current_database() "
                + "AND state = 'idle in transaction'");
        if (open.size() != 1 || open.get(0).equals("0")) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("paused at " + point + " #" + n + " without a transaction open: " + open);
        }
        p.destroyForcibly().waitFor();
        if (p.exitValue() != 137) {
            throw new AssertionError("killed by SIGKILL: expected exit 137, got " + p.exitValue());
        }
    }
}
