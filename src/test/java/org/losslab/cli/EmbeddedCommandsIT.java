package org.losslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The commands a newcomer types first, on the embedded database as the launcher runs them (in a user
 * namespace when root): stdout carries only results ({@code status --json} parses while logs go to
 * stderr), the data directory is printed, and every {@code ./losslab sql -c "…"} line of README.md runs.
 */
class EmbeddedCommandsIT {

    @TempDir
    static Path tmp;

    static Path data;

    @BeforeAll
    static void dataDirectory() {
        data = tmp.resolve("home/.losslab/pgdata");
    }

    record Result(int exit, String out, String err) {
    }

    /** losslab with HOME in the temporary directory and no LOSSLAB_EMBEDDED_DIR: the default location. */
    static Result losslab(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("unshare", "-U")); // the embedded PostgreSQL refuses root, as in ./losslab
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), "org.losslab.cli.Main"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("LOSSLAB_DB_URL");
        pb.environment().remove("LOSSLAB_EMBEDDED_DIR");
        pb.environment().put("HOME", tmp.resolve("home").toString());
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("losslab " + String.join(" ", args) + " hung; stderr: " + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void statusJsonIsValidJsonWhileLogsGoToStderr() throws Exception {
        Result r = losslab("status", "--json");
        assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
        JsonNode doc = JsonMapper.builder().build().readTree(r.out());
        assertThat(doc.get("executions").isArray()).isTrue();
        assertThat(r.err()).as("the data directory is named at start").contains("embedded PostgreSQL")
                .contains(data.toString());
        assertThat(Files.exists(data.resolve("postgresql.conf"))).as("data in $HOME/.losslab/pgdata").isTrue();
    }

    @Test
    void everySqlLineOfTheReadmeRuns() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher m = Pattern.compile("^\\./losslab sql( --csv)? -c \"([^\"]+)\"", Pattern.MULTILINE).matcher(readme);
        int lines = 0;
        while (m.find()) {
            lines++;
            List<String> args = new ArrayList<>(List.of("sql"));
            if (m.group(1) != null) {
                args.add("--csv");
            }
            args.addAll(List.of("-c", m.group(2)));
            Result r = losslab(args.toArray(String[]::new));
            assertThat(r.exit()).as("README: %s%nstderr: %s", m.group(), r.err()).isZero();
            if (m.group(1) == null) {
                assertThat(r.out()).as(m.group()).containsPattern("\\(\\d+ rows?\\)");
            } else {
                assertThat(r.out().lines().findFirst().orElse("")).as(m.group()).contains("run_key");
            }
        }
        assertThat(lines).as("README's sql -c examples").isGreaterThanOrEqualTo(4);
        Result bad = losslab("sql", "-c", "SELECT no_such_column FROM v_runs");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("ERROR: column \"no_such_column\" does not exist");
    }
}
