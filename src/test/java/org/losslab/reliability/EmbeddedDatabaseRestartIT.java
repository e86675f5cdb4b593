package org.losslab.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL (no LOSSLAB_DB_URL; in a user namespace as the launcher does):
 * <ol>
 *   <li>its data directory was left half-initialized by a process killed during the very first
 *       initdb: the next start moves it aside and initializes a fresh cluster;
 *   <li>the server is restarted ({@code pg_ctl restart -m fast}) in the middle of training: the
 *       job fails cleanly (or carries on), nothing half-written is visible;
 *   <li>{@code losslab restart --last} starts the server again and completes the job with final
 *       parameters equal to uninterrupted training and one metric row per epoch.
 * </ol>
 */
class EmbeddedDatabaseRestartIT {

    static final List<String> SETS = List.of("training.trainer=dl4j", "theory=null", "spinglass=null", "cells=null", "regions=null", "enumeration=null", "name=embedded", "data.holdout=8000", "training.hidden_widths=[25]",
            "training.restarts=2", "training.epochs=4", "training.block_size=1");

    @Test
    void embeddedServerRestartedMidJob(@TempDir Path tmp) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new File("/usr/bin/unshare").canExecute(), "needs unshare");
        Path data = tmp.resolve("pgdata");
        Files.createDirectories(data);
        Files.writeString(data.resolve("PG_VERSION"), "17\n"); // what a kill during initdb leaves
        Path log = tmp.resolve("losslab.log");

        Process run = start(data, log, ResultsCheck.runArgs(SETS));
        int port = waitForServer(data, run, log);
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        try (Connection c = connectWhenMigrated(url, run, log)) {
            DatabaseOutageIT.waitForEpochs(c, run, 2, log);
        }
        assertThat(Files.list(tmp).map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("pgdata.incomplete-"));

        int restarted = pgCtl("restart", data, "-m", "fast", "-w");
        assertThat(restarted).as("pg_ctl restart").isZero();
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            assertThat(ResultsCheck.violations(c)).as("right after the server restart").isEmpty();
        } catch (SQLException ownerAlreadyStoppedIt) {
            // the job failed at once and its process stopped the server on exit: checked below
        }
        assertThat(run.waitFor(120, TimeUnit.SECONDS)).as("log: %s", log).isTrue();
        assertThat(run.exitValue()).as("fails cleanly (or carries on); log:%n%s", Files.readString(log)).isIn(0, 1);

        Files.writeString(log, "");
        Process restart = start(data, log, "restart", "--last");
        if (run.exitValue() == 1) {
            assertThat(restart.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(restart.exitValue()).as("restart; log:%n%s", Files.readString(log)).isZero();
        } else {
            assertThat(restart.waitFor(300, TimeUnit.SECONDS)).isTrue(); // nothing to do: already completed
        }

        // the job's server stopped with its owner: start it once more to read the results
        int readPort;
        try (ServerSocket s = new ServerSocket(0)) {
            readPort = s.getLocalPort();
        }
        assertThat(pgCtl("start", data, "-o", "-p " + readPort + " -c listen_addresses=localhost", "-w",
                "-l", tmp.resolve("pg.log").toString())).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + readPort + "/postgres",
                "postgres", "")) {
            assertThat(ResultsCheck.violations(c)).isEmpty();
            assertThat(ResultsCheck.scalar(c, "SELECT count(*) FROM epoch_metric")).isEqualTo(8);
            assertThat(ResultsCheck.scalar(c, "SELECT count(*) FROM run WHERE status = 'COMPLETED'")).isEqualTo(2);
            assertThat(ResultsCheck.finalParams(c)).isEqualTo(ResultsCheck.reference(ResultsCheck.spec(SETS)));
        } finally {
            pgCtl("stop", data, "-m", "fast", "-w");
        }
    }

    /** losslab on the embedded database, in a user namespace like the launcher. */
    static Process start(Path data, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("unshare", "-U",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-cp", System.getProperty("java.class.path"), "org.losslab.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().remove("LOSSLAB_DB_URL");
        pb.environment().put("LOSSLAB_EMBEDDED_DIR", data.toString());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("LOSSLAB_THREADS", "2");
        return pb.start();
    }

    /** Runs zonky's pg_ctl (the binaries the embedded server was extracted from) in a user namespace. */
    static int pgCtl(String action, Path data, String... options) throws Exception {
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
        Path pgCtl;
        try (Stream<Path> dirs = Files.list(base)) {
            pgCtl = dirs.map(d -> d.resolve("bin/pg_ctl")).filter(Files::isExecutable).findFirst().orElseThrow();
        }
        List<String> cmd = new ArrayList<>(List.of("unshare", "-U", pgCtl.toString(), action, "-D", data.toString()));
        cmd.addAll(List.of(options));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int exit = p.waitFor();
        System.out.printf("pg_ctl %s: %d %s%n", action, exit, out.strip());
        return exit;
    }

    static int waitForServer(Path data, Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("losslab exited early: " + Files.readString(log));
            }
            Path pid = data.resolve("postmaster.pid");
            if (Files.exists(data.resolve("postgresql.conf")) && Files.exists(pid)) {
                List<String> lines = Files.readAllLines(pid);
                if (lines.size() >= 8 && lines.get(7).trim().equals("ready")) {
                    return Integer.parseInt(lines.get(3).trim());
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("embedded server did not start: " + Files.readString(log));
    }

    static Connection connectWhenMigrated(String url, Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            try {
                Connection c = DriverManager.getConnection(url, "postgres", "");
                ResultsCheck.scalar(c, "SELECT count(*) FROM epoch_metric");
                return c;
            } catch (SQLException notYet) {
                if (!p.isAlive()) {
                    throw new AssertionError("losslab exited early: " + Files.readString(log));
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("schema never appeared: " + Files.readString(log));
    }
}
