package org.losslab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.support.Chromium;
import org.losslab.support.LosslabProcess;
import org.losslab.support.TestDatabase;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code losslab serve} while a small job runs in another process: headless Chromium sees the live page's
 * progress advance between two snapshots, and the report's figures of a finished execution load; the server
 * answers only GET and HEAD, and its every connection is read-only (PostgreSQL refuses a write).
 */
class ServeIT {

    static final List<String> TRAINING_ONLY = List.of("theory=null", "spinglass=null", "cells=null", "regions=null",
            "enumeration=null", "hessian=null");

    static Path tmp;
    static TestDatabase db;
    static Process live;
    static ConfigurableApplicationContext serve;
    static String base;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void finishedAndRunningJobsAndTheServer() throws Exception {
        tmp = Files.createTempDirectory("serve-it");
        db = TestDatabase.create();
        int exit = LosslabProcess.run(db, tmp.resolve("done.log"), Map.of(), run("serve-done", "training.restarts=3",
                "training.epochs=2"));
        assertThat(exit).as("the finished job; log: %s", tmp.resolve("done.log")).isZero();
        // slow and steady: one network per partition with the per-network trainer, 30 epochs
        live = LosslabProcess.start(db, tmp.resolve("live.log"), Map.of("LOSSLAB_THREADS", "1"), run("serve-live",
                "training.restarts=4", "training.epochs=30", "training.block_size=1", "training.trainer=dl4j"));
        db.useInProcess();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        serve = ServeCommand.open("127.0.0.1", port);
        base = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() throws Exception {
        if (serve != null) {
            serve.close();
        }
        if (live != null) {
            live.destroyForcibly().waitFor();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void theLivePageShowsProgressAdvancingBetweenTwoSnapshots() throws Exception {
        String chromium = Chromium.require("the browser test of losslab serve");
        long id = executionOf("serve-live");
        long first = waitForTrainingDone(id, 1);
        String dom1 = Chromium.dumpDom(chromium, base + "/executions/" + id);
        long done1 = trainingDone(dom1);
        assertThat(done1).as("network-epochs shown in the first snapshot").isGreaterThanOrEqualTo(first);
        waitForTrainingDone(id, done1 + 2);
        String dom2 = Chromium.dumpDom(chromium, base + "/executions/" + id);
        assertThat(trainingDone(dom2)).as("network-epochs shown in the second snapshot").isGreaterThan(done1);
        assertThat(dom2).contains("data-running=\"true\"", "id=\"loss\"", "ETA");
        assertThat(attribute(dom2, "data-images-loaded")).as("the loss curves loaded").isEqualTo(1);
        HttpResponse<byte[]> loss = get("/executions/" + id + "/loss.png");
        assertThat(loss.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(loss.body().length).isGreaterThan(1000);
        assertThat(new String(get("/").body())).contains("/executions/" + id, "serve-live", "STARTED");
    }

    @Test
    void theFinishedPageShowsTheVerdictsAndTheReportsFigures() throws Exception {
        String chromium = Chromium.require("the browser test of losslab serve");
        long id = executionOf("serve-done");
        String dom = Chromium.dumpDom(chromium, base + "/executions/" + id);
        assertThat(dom).contains("id=\"verdicts\"", "data-running=\"false\"", "test_loss_variance_loglog_slope");
        List<String> figures = figureSources(dom, id);
        assertThat(figures).as("the report's figures of a training spec").hasSizeGreaterThanOrEqualTo(2);
        int total = attribute(dom, "data-images-total");
        assertThat(total).as("figures and loss curves").isEqualTo(figures.size() + 1);
        assertThat(attribute(dom, "data-images-loaded")).as("images with a natural width > 0").isEqualTo(total);
        for (String figure : figures) {
            HttpResponse<byte[]> png = get(figure);
            assertThat(png.statusCode()).isEqualTo(200);
            assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
            assertThat(png.body().length).as(figure).isGreaterThan(1000);
        }
        assertThat(new String(get("/").body())).contains("/executions/" + id, "serve-done");
    }

    @Test
    void thereIsNoWritePath() throws Exception {
        long id = executionOf("serve-done");
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            for (String path : List.of("/", "/executions/" + id, "/api/executions/" + id, "/no/such/page")) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                        .method(method, HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(method + " " + path).isEqualTo(405);
            }
        }
        assertThat(get("/api/executions/" + id).statusCode()).isEqualTo(200);
        assertThat(get("/api/executions/999999").statusCode()).isEqualTo(404);
        try (Connection c = serve.getBean(DataSource.class).getConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SHOW default_transaction_read_only");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("on");
            assertThatThrownBy(() -> s.executeUpdate("UPDATE run SET epochs_done = epochs_done"))
                    .isInstanceOf(SQLException.class).satisfies(e -> assertThat(((SQLException) e).getSQLState())
                            .as("read_only_sql_transaction").isEqualTo("25006"));
        }
    }

    /**
     * The view as a login of the analyst role, as docs/operations.md advises beyond localhost: it starts (no
     * migration, no permission error), shows the same executions, live progress, verdicts and figures as the
     * owner's, and its login still cannot read the job repository itself.
     */
    @Test
    void anAnalystLoginServesTheSameView() throws Exception {
        long done = executionOf("serve-done");
        long running = executionOf("serve-live");
        String login = "losslab_it_viewer_" + Long.toHexString(System.nanoTime());
        try (Connection admin = db.connect(); Statement s = admin.createStatement()) {
            s.execute("CREATE ROLE " + login + " LOGIN IN ROLE losslab_analyst");
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            System.setProperty("LOSSLAB_DB_USER", login);
            try (ConfigurableApplicationContext viewer = ServeCommand.open("127.0.0.1", port)) {
                String analystBase = "http://127.0.0.1:" + port;
                String page = new String(get(analystBase, "/executions/" + done).body());
                assertThat(figureSources(page, done)).as("the finished page's figures")
                        .isNotEmpty().isEqualTo(figureSources(new String(get(base, "/executions/" + done).body()), done));
                assertThat(page).contains("id=\"verdicts\"", "test_loss_variance_loglog_slope");
                for (String figure : figureSources(page, done)) {
                    HttpResponse<byte[]> png = get(analystBase, figure);
                    assertThat(png.statusCode()).as(figure).isEqualTo(200);
                    assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
                }
                String json = new String(get(analystBase, "/api/executions/" + running).body());
                assertThat(json).contains("\"stage\":\"training\",\"unit\":\"network-epochs\"");
                assertThat(new String(get(analystBase, "/").body())).contains("serve-done", "serve-live");
                assertThat(get(analystBase, "/executions/" + running + "/loss.png").statusCode()).isEqualTo(200);
                try (Connection c = viewer.getBean(DataSource.class).getConnection(); Statement v = c.createStatement()) {
                    assertThatThrownBy(() -> v.executeQuery("SELECT * FROM batch_job_execution_context"))
                            .isInstanceOf(SQLException.class).satisfies(e -> assertThat(((SQLException) e).getSQLState())
                                    .as("insufficient_privilege").isEqualTo("42501"));
                }
            } finally {
                db.useInProcess();
                s.execute("DROP ROLE " + login);
            }
        }
    }

    /** An analyst login cannot migrate: a schema older than this losslab is one line naming what to do. */
    @Test
    void anAnalystLoginRefusesASchemaOlderThanThisLosslab() throws Exception {
        String login = "losslab_it_viewer_" + Long.toHexString(System.nanoTime());
        try (TestDatabase old = TestDatabase.create(); Connection admin = old.connect(); Statement s = admin.createStatement()) {
            org.flywaydb.core.Flyway.configure().dataSource(old.url(), old.user(), "").locations("classpath:db/migration")
                    .target("49").load().migrate();
            s.execute("CREATE ROLE " + login + " LOGIN IN ROLE losslab_analyst");
            old.useInProcess();
            System.setProperty("LOSSLAB_DB_USER", login);
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            try {
                assertThatThrownBy(() -> ServeCommand.open("127.0.0.1", port).close())
                        .satisfies(e -> assertThat(Causes.find(e, org.losslab.BadInputException.class)).as("bad input")
                                .isNotNull().extracting(Throwable::getMessage).asString()
                                .contains("no v_schema_version", "this losslab needs version", "as the schema's owner"));
                assertThat(old.strings("SELECT count(*) FROM flyway_schema_history WHERE version = '50'"))
                        .as("nothing migrated").containsExactly("0");
            } finally {
                db.useInProcess();
                s.execute("DROP ROLE " + login);
            }
        }
    }

    private static List<String> figureSources(String page, long id) {
        List<String> figures = new ArrayList<>();
        Matcher m = Pattern.compile("src=\"(/executions/" + id + "/figures/[a-z0-9-]+\\.png)\"").matcher(page);
        while (m.find()) {
            figures.add(m.group(1));
        }
        return figures;
    }

    private static String[] run(String name, String... sets) {
        List<String> args = new ArrayList<>(List.of("run", "jobs/quickstart.yaml", "--set", "name=" + name));
        for (String s : sets) {
            args.addAll(List.of("--set", s));
        }
        TRAINING_ONLY.forEach(s -> args.addAll(List.of("--set", s)));
        return args.toArray(String[]::new);
    }

    private static long executionOf(String job) throws Exception {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<String> ids = db.strings("SELECT max(e.job_execution_id) FROM batch_job_execution e "
                    + "JOIN batch_job_instance i USING (job_instance_id) WHERE i.job_name = '" + job + "'");
            if (ids.get(0) != null) {
                return Long.parseLong(ids.get(0));
            }
            assertThat(live.isAlive()).as("the live job runs; log: %s", tmp.resolve("live.log")).isTrue();
            Thread.sleep(500);
        }
        throw new AssertionError("no execution of " + job);
    }

    /** Polls the JSON endpoint until training shows at least {@code done} network-epochs; returns what it shows. */
    private static long waitForTrainingDone(long id, long done) throws Exception {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (System.nanoTime() < deadline) {
            String json = new String(get("/api/executions/" + id).body());
            Matcher m = Pattern.compile("\"stage\":\"training\",\"unit\":\"network-epochs\",\"done\":(\\d+)").matcher(json);
            if (m.find() && Long.parseLong(m.group(1)) >= done) {
                return Long.parseLong(m.group(1));
            }
            assertThat(live.isAlive()).as("the live job runs; log: %s", tmp.resolve("live.log")).isTrue();
            Thread.sleep(1000);
        }
        throw new AssertionError("training of execution " + id + " did not reach " + done + " network-epochs");
    }

    private static long trainingDone(String dom) {
        Matcher m = Pattern.compile("data-stage=\"training\" data-done=\"(\\d+)\"").matcher(dom);
        assertThat(m.find()).as("a training row in the DOM:\n" + dom.substring(0, Math.min(2000, dom.length()))).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static int attribute(String dom, String name) {
        Matcher m = Pattern.compile(name + "=\"(\\d+)\"").matcher(dom);
        assertThat(m.find()).as(name + " in the DOM (the page script ran)").isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return get(base, path);
    }

    private static HttpResponse<byte[]> get(String server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
