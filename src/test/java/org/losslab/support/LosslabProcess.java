package org.losslab.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code losslab} as a separate JVM (the same main class the launcher runs, on the test classpath),
 * so tests can SIGKILL it for real. Output goes to a log file for diagnosis.
 */
public final class LosslabProcess {

    private LosslabProcess() {
    }

    public static Process start(TestDatabase db, Path log, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-cp", System.getProperty("java.class.path"), "org.losslab.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("LOSSLAB_DB_URL", db.url());
        pb.environment().put("LOSSLAB_DB_USER", db.user());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("LOSSLAB_OMP_THREADS", "1");
        pb.environment().putAll(env);
        pb.directory(new File(System.getProperty("user.dir")));
        return pb.start();
    }

    /** Runs to the end and returns the exit code. */
    public static int run(TestDatabase db, Path log, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Process p = start(db, log, env, args);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("losslab " + String.join(" ", args) + " did not finish; see " + log);
        }
        return p.exitValue();
    }
}
