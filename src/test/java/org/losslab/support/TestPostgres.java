package org.losslab.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server the tests use (host:port): {@code LOSSLAB_TEST_PG} when set ({@code embedded} forces the
 * embedded one); else the machine's
 * server at 127.0.0.1:5432 when it answers; else losslab's own embedded PostgreSQL, started once per
 * test JVM by {@code losslab db serve} (in a user namespace when root, as the launcher does) with its
 * data under target/, and stopped when the JVM exits. So {@code ./mvnw verify} needs no server.
 */
final class TestPostgres {

    private static final String DEFAULT = "127.0.0.1:5432";
    private static String server;

    private TestPostgres() {
    }

    static synchronized String server() {
        if (server == null) {
            String configured = System.getenv("LOSSLAB_TEST_PG");
            if ("embedded".equals(configured)) {
                server = startEmbedded(); // forced, e.g. to prove the fallback on a machine with a server
            } else if (configured != null && !configured.isBlank()) {
                server = configured;
            } else if (answers(DEFAULT)) {
                server = DEFAULT;
            } else {
                server = startEmbedded();
            }
        }
        return server;
    }

    private static boolean answers(String hostPort) {
        String[] hp = hostPort.split(":");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])), 1000);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String startEmbedded() {
        Path data = Path.of("target", "test-pgdata-" + ProcessHandle.current().pid(), "pgdata").toAbsolutePath();
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("unshare", "-U"));
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "org.losslab.cli.Main", "db", "serve"));
        System.out.println("[losslab tests] starting the embedded PostgreSQL (LOSSLAB_TEST_PG=embedded, or it is unset and "
                + "no server answers at " + DEFAULT + "); data in " + data);
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().remove("LOSSLAB_DB_URL");
            pb.environment().put("LOSSLAB_EMBEDDED_DIR", data.toString());
            Process p = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                p.destroy(); // SIGTERM: db serve stops the server cleanly
                try {
                    p.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "test-postgres-stop"));
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine(); // db serve prints its URL once the schema is migrated
            Matcher m = line == null ? null : Pattern.compile("postgresql://[^@]*@([^/]+)/").matcher(line);
            if (m == null || !m.find()) {
                throw new IllegalStateException("the embedded PostgreSQL for the tests did not start (db serve said: " + line + ")");
            }
            System.out.println("[losslab tests] embedded PostgreSQL for the tests at " + m.group(1));
            return m.group(1);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL for the tests: " + e.getMessage(), e);
        }
    }
}
