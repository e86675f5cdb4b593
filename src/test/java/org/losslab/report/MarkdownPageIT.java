package org.losslab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.cli.Main;
import org.losslab.support.TestDatabase;

/**
 * Issue 15 item 4 on the quickstart: {@code losslab report --last --markdown DIR} writes README.md and the
 * figures as PNG; every PNG loads and every image the page names exists; the verdict lines are those of
 * v_verdicts (a finding is inconsistent if any deciding row is, else consistent if any is, else undetermined);
 * the page states the data's split and file checksums, the machine and the CPU time, and regenerating it gives
 * the same text.
 */
class MarkdownPageIT {

    @TempDir
    static Path tmp;
    static TestDatabase db;
    static String page;
    static Path dir;

    @BeforeAll
    static void runQuickstartAndPublish() throws Exception {
        db = TestDatabase.create().useInProcess();
        assertThat(cli("run", "jobs/quickstart.yaml", "--set", "name=markdown-page")).isZero();
        dir = tmp.resolve("results/quickstart");
        assertThat(cli("report", "--last", "--markdown", dir.toString())).isZero();
        page = Files.readString(dir.resolve("README.md"));
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void theFiguresArePngsThatLoadAndThePageNamesOnlyThose() throws Exception {
        List<Path> pngs;
        try (Stream<Path> files = Files.list(dir)) {
            pngs = files.filter(p -> p.toString().endsWith(".png")).toList();
        }
        assertThat(pngs).hasSizeGreaterThanOrEqualTo(5);
        for (Path png : pngs) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(png.toString()).isNotNull();
            assertThat(image.getWidth()).isGreaterThan(100);
        }
        Matcher m = Pattern.compile("!\\[[^]]*]\\(([^)]+)\\)").matcher(page);
        int images = 0;
        while (m.find()) {
            assertThat(dir.resolve(m.group(1))).exists();
            images++;
        }
        assertThat(images).isEqualTo(pngs.size());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".png")))
                    .containsExactly("README.md");
        }
    }

    @Test
    void theVerdictLinesAreThoseOfVVerdicts() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        try (Connection c = db.connect(); ResultSet r = c.createStatement().executeQuery("""
                SELECT finding, CASE WHEN bool_or(verdict = 'inconsistent') THEN 'inconsistent'
                                     WHEN bool_or(verdict = 'consistent') THEN 'consistent' ELSE 'undetermined' END
                FROM v_verdicts WHERE experiment = 'markdown-page' GROUP BY finding ORDER BY finding""")) {
            while (r.next()) {
                expected.put(r.getString(1), r.getString(2));
            }
        }
        assertThat(expected).isNotEmpty();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertThat(page).as(e.getKey()).containsPattern("(?m)^\\| " + e.getKey() + " \\| [^\\n]*\\| \\*\\*"
                    + e.getValue() + "\\*\\* \\|");
            assertThat(page).as(e.getKey()).containsPattern("\\*\\*" + e.getKey() + "\\. [^\\n]*Verdict: \\*\\*"
                    + e.getValue() + "\\*\\*, decided by ");
        }
        long verdictRows = page.lines().filter(l -> l.matches("\\| F\\d+ \\|.*\\| \\*\\*(in)?consistent\\*\\* \\|.*"
                + "|\\| F\\d+ \\|.*\\| \\*\\*undetermined\\*\\* \\|.*")).count();
        assertThat(verdictRows).isEqualTo(expected.size());
    }

    @Test
    void thePageStatesDataMachineTimeAndAccuracies() throws Exception {
        assertThat(page).contains("split **holdout-from-train**, 8000 training / 2000 test images",
                "verified as `mnist-10k`", "images-idx3-ubyte: 83c87a3af81c7cd98a4cf74a298f85d1adcee18917a52e62d69a0b5d1ddc4abc",
                "## Machine and time", "Commit: `", "## Test accuracy of the networks", "| 25 | 8 |", "| 100 | 8 |",
                "Region networks (trained): ", "`./losslab run SPEC`");
        try (Connection c = db.connect(); ResultSet r = c.createStatement().executeQuery(
                "SELECT cpu_model, cpu_cores, cpu_seconds FROM provenance")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isNotBlank();
            assertThat(r.getInt(2)).isPositive();
            assertThat(r.getDouble(3)).isPositive();
            assertThat(page).contains("| " + r.getString(1) + " |");
        }
    }

    @Test
    void regeneratingGivesTheSamePage() throws Exception {
        assertThat(cli("report", "--last", "--markdown", dir.toString())).isZero();
        assertThat(Files.readString(dir.resolve("README.md"))).isEqualTo(page);
        Files.writeString(dir.resolve("notes.txt"), "mine");
        assertThat(cli("report", "--last", "--markdown", dir.toString())).as("a directory with foreign files").isEqualTo(2);
        assertThat(dir.resolve("notes.txt")).hasContent("mine");
        Files.delete(dir.resolve("notes.txt"));
    }

    static synchronized int cli(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            return Main.run(args);
        } finally {
            System.setOut(out);
            System.out.print(o.toString(StandardCharsets.UTF_8));
        }
    }
}
