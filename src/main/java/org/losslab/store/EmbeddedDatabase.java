package org.losslab.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL (zonky, linux-amd64 binaries) with a persistent data directory, so a run
 * killed today resumes tomorrow. One losslab process owns the server (its pid is in
 * {@code losslab.owner}); other processes, e.g. {@code losslab status} during a run, connect to it.
 * A server whose owner is dead is stale and is stopped before a new one starts.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres server;
    private final int port;
    private final Path ownerFile;

    private EmbeddedDatabase(EmbeddedPostgres server, int port, Path ownerFile) {
        this.server = server;
        this.port = port;
        this.ownerFile = ownerFile;
    }

    public static EmbeddedDatabase open(Path dataDir) throws IOException {
        Files.createDirectories(dataDir.getParent());
        Path ownerFile = dataDir.resolveSibling(dataDir.getFileName() + ".owner");
        Optional<Integer> livePort = StalePostgresProcess.livePort(dataDir);
        if (livePort.isPresent() && ownerAlive(ownerFile)) {
            log.info("Using the embedded PostgreSQL of process {} on port {} with data in {}",
                    Files.readString(ownerFile).trim(), livePort.get(), dataDir);
            return new EmbeddedDatabase(null, livePort.get(), null);
        }
        StalePostgresProcess.clear(dataDir);
        initializeAtomically(dataDir);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "100")
                .start();
        Files.writeString(ownerFile, Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
        log.info("Started embedded PostgreSQL on port {} with data in {}", pg.getPort(), dataDir);
        return new EmbeddedDatabase(pg, pg.getPort(), ownerFile);
    }

    /**
     * zonky runs initdb only when {@code postgresql.conf} is missing: a process killed during the
     * first initdb left a directory that never started again ("directory exists but is not empty",
     * or a cluster without its catalog). So a new cluster is created in a sibling directory and
     * renamed into place once complete; a leftover incomplete directory is moved aside, not deleted.
     */
    private static void initializeAtomically(Path dataDir) throws IOException {
        if (Files.exists(dataDir.resolve("postgresql.conf"))) {
            return;
        }
        if (Files.isDirectory(dataDir)) {
            try (var entries = Files.list(dataDir)) {
                if (entries.findAny().isPresent()) {
                    Path aside = dataDir.resolveSibling(dataDir.getFileName() + ".incomplete-" + System.currentTimeMillis());
                    log.warn("{} is not a complete PostgreSQL cluster (initialization interrupted?); moved to {}",
                            dataDir, aside);
                    Files.move(dataDir, aside);
                }
            }
        }
        Path init = dataDir.resolveSibling(dataDir.getFileName() + ".init");
        if (Files.exists(init)) {
            try (var walk = Files.walk(init)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        log.info("Initializing the embedded PostgreSQL cluster in {}", dataDir);
        EmbeddedPostgres.builder().setDataDirectory(init).setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60)).start().close();
        Files.deleteIfExists(dataDir);
        Files.move(init, dataDir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public int port() {
        return port;
    }

    /** The port of the embedded server on {@code dataDir} while a live losslab process owns it. */
    public static Optional<Integer> runningPort(Path dataDir) {
        Path ownerFile = dataDir.resolveSibling(dataDir.getFileName() + ".owner");
        return StalePostgresProcess.livePort(dataDir).filter(p -> ownerAlive(ownerFile));
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
            Files.deleteIfExists(ownerFile);
        }
    }

    private static boolean ownerAlive(Path ownerFile) {
        try {
            long pid = Long.parseLong(Files.readString(ownerFile).trim());
            return pid != ProcessHandle.current().pid()
                    && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }
}
