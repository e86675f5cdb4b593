package org.losslab.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a test's own (its own cluster in a temporary directory, on a free port of 127.0.0.1), which
 * the test may stop and start again while losslab runs against it: the shared test server is never touched. It
 * uses the PostgreSQL binaries that losslab's embedded database extracted (under the temp dir's
 * {@code embedded-pg}), else the machine's ({@code /usr/lib/postgresql/<version>/bin}); as root, in a user
 * namespace ({@code unshare -U}), as the launcher runs the embedded server.
 */
public final class PrivatePostgres implements AutoCloseable {

    private final Path bin;
    private final Path data;
    private final Path log;
    private final int port;

    private PrivatePostgres(Path bin, Path data, Path log, int port) {
        this.bin = bin;
        this.data = data;
        this.log = log;
        this.port = port;
    }

    /** Whether PostgreSQL binaries are available to start a private server. */
    public static boolean available() {
        return binaries() != null;
    }

    /** Initializes a cluster under {@code dir} and starts it. */
    public static PrivatePostgres start(Path dir) throws Exception {
        Path bin = binaries();
        if (bin == null) {
            throw new IllegalStateException("no PostgreSQL binaries (embedded-pg under the temp dir, or /usr/lib/postgresql)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PrivatePostgres pg = new PrivatePostgres(bin, dir.resolve("pgdata"), dir.resolve("postgres.log"), port);
        pg.run("initdb", "-D", pg.data.toString(), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8");
        pg.startAgain();
        return pg;
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** {@code pg_ctl stop -m fast}: sessions are ended (57P01), new connections refused until {@link #startAgain}. */
    public void stop() throws Exception {
        run("pg_ctl", "stop", "-D", data.toString(), "-m", "fast", "-w");
    }

    /** Starts the stopped server again on the same port. */
    public void startAgain() throws Exception {
        run("pg_ctl", "start", "-D", data.toString(), "-w", "-l", log.toString(), "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off");
    }

    @Override
    public void close() throws Exception {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            run("pg_ctl", "stop", "-D", data.toString(), "-m", "immediate", "-w");
        }
    }

    private void run(String program, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("unshare", "-U"));
        }
        cmd.add(bin.resolve(program).toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out.strip());
        }
    }

    private static Path binaries() {
        List<Path> candidates = new ArrayList<>();
        for (Path base : List.of(Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg"), Path.of("/usr/lib/postgresql"))) {
            if (Files.isDirectory(base)) {
                try (Stream<Path> dirs = Files.list(base)) {
                    dirs.sorted().map(d -> d.resolve("bin")).forEach(candidates::add);
                } catch (IOException e) {
                    // not readable: try the next
                }
            }
        }
        return candidates.stream().filter(b -> Files.isExecutable(b.resolve("initdb"))
                && Files.isExecutable(b.resolve("pg_ctl")) && Files.isExecutable(b.resolve("postgres")))
                .findFirst().orElse(null);
    }
}
