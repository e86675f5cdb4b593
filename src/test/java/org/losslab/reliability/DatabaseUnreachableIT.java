package org.losslab.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.reliability.BadInputCatalogueIT.Run;
import org.losslab.support.TestDatabase;

/**
 * The database cannot be reached when a command starts: exit code 5 and a one-line message
 * naming the database (never its password) within seconds, not a stack trace. Covers a closed
 * port, a server that accepts connections but never answers, an unknown host, a missing database
 * and an embedded PostgreSQL that cannot start.
 */
class DatabaseUnreachableIT {

    static final String[][] COMMANDS = {
            {"run", "jobs/quickstart.yaml", "--set", "training.epochs=1"}, {"restart", "--last"}, {"status"}, {"stop", "1"}};

    @AfterEach
    void clear() {
        System.clearProperty("LOSSLAB_DB_URL");
        System.clearProperty("LOSSLAB_DB_PASSWORD");
        System.clearProperty("LOSSLAB_EMBEDDED_DIR");
    }

    @Test
    void closedPort() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        for (String[] cmd : COMMANDS) {
            refused("jdbc:postgresql://127.0.0.1:" + port + "/losslab", cmd, 10, "cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:" + port);
        }
    }

    @Test
    void serverThatNeverAnswers() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        held.add(blackHole.accept());
                    }
                } catch (java.io.IOException closed) {
                    // done
                }
            });
            t.setDaemon(true);
            t.start();
            refused("jdbc:postgresql://127.0.0.1:" + blackHole.getLocalPort() + "/losslab", COMMANDS[2], 15,
                    "cannot reach PostgreSQL");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void unknownHostAndMissingDatabase() throws Exception {
        refused("jdbc:postgresql://no-such-host.invalid:5432/losslab", COMMANDS[2], 10, "no-such-host.invalid");
        // a server that answers, without the database: the tests' own (LOSSLAB_TEST_PG=embedded included)
        refused("jdbc:postgresql://" + TestDatabase.server() + "/losslab_no_such_database", COMMANDS[1], 10, "losslab_no_such_database");
    }

    @Test
    void passwordIsNeverShown() throws Exception {
        System.setProperty("LOSSLAB_DB_PASSWORD", "s3cret-pw");
        Run r = refused("jdbc:postgresql://127.0.0.1:1/losslab?password=s3cret-pw", COMMANDS[2], 10, "password=***");
        assertThat(r.err() + r.out()).doesNotContain("s3cret-pw");
    }

    @Test
    void embeddedDatabaseThatCannotStart(@TempDir Path tmp) throws Exception {
        Path notADirectory = java.nio.file.Files.writeString(tmp.resolve("plain-file"), "x");
        System.setProperty("LOSSLAB_EMBEDDED_DIR", notADirectory.resolve("pgdata").toString());
        refused(null, COMMANDS[2], 30, "embedded PostgreSQL");
    }

    static Run refused(String url, String[] cmd, double maxSeconds, String expected) {
        if (url != null) {
            System.setProperty("LOSSLAB_DB_URL", url);
        }
        long t0 = System.nanoTime();
        Run r = BadInputCatalogueIT.run(cmd);
        double s = (System.nanoTime() - t0) / 1e9;
        String what = String.join(" ", cmd) + " on " + url;
        assertThat(r.exit()).as("%s: exit code; stderr: %s", what, r.err()).isEqualTo(5);
        assertThat(r.err().lines().toList()).as(what).hasSize(1);
        assertThat(r.err()).as(what).startsWith("losslab: ").contains(expected).doesNotContain("\tat ");
        assertThat(s).as("%s: seconds", what).isLessThan(maxSeconds);
        System.out.printf("%s: exit 5 after %.1f s: %s", what, s, r.err());
        return r;
    }
}
