package org.losslab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report directory appears whole or not at all, and what a killed writer left behind is cleared. */
class ReportDirectoryTest {

    @Test
    void nothingIsVisibleUntilPublishedAndAnOldReportIsReplacedWhole(@TempDir Path root) throws IOException {
        Path dir = root.resolve("reports/job-3");
        Files.createDirectories(dir.resolve("figures"));
        Files.writeString(dir.resolve("index.html"), "old");
        Files.writeString(dir.resolve("figures/gone.png"), "old figure");
        Files.writeString(dir.resolve(ReportDirectory.MARKER), "database d1\n");

        ReportDirectory out = ReportDirectory.open(dir, "d1");
        Files.createDirectories(out.workDir().resolve("figures"));
        Files.writeString(out.workDir().resolve("figures/new.png"), "new figure");
        assertThat(Files.readString(dir.resolve("index.html"))).as("the old report stays until publish").isEqualTo("old");
        Files.writeString(out.workDir().resolve("index.html"), "new");

        assertThat(out.publish()).isEqualTo(dir.toAbsolutePath().normalize());
        assertThat(Files.readString(dir.resolve("index.html"))).isEqualTo("new");
        assertThat(dir.resolve("figures/new.png")).exists();
        assertThat(dir.resolve("figures/gone.png")).doesNotExist();
        assertThat(entries(root.resolve("reports"))).containsExactly("job-3");
    }

    /** Issue #18 item 5: never over a user's own files, nor over the report of another database. */
    @Test
    void refusesANonReportAndAnotherDatabasesReport(@TempDir Path root) throws IOException {
        Path mine = Files.createDirectories(root.resolve("mine"));
        Files.writeString(mine.resolve("index.html"), "my own page");
        assertThatThrownBy(() -> ReportDirectory.open(mine, "d1")).hasMessageContaining("is not a losslab report");
        assertThat(Files.readString(mine.resolve("index.html"))).isEqualTo("my own page");

        ReportDirectory first = ReportDirectory.open(root.resolve("job-1"), "d1");
        Files.writeString(first.workDir().resolve("index.html"), "d1's");
        Path published = first.publish();
        assertThatThrownBy(() -> ReportDirectory.open(published, "d2"))
                .hasMessageContaining("holds the report of another database (d1, this is d2)");
        ReportDirectory.open(published, "d1").abort();
        assertThat(Files.readString(published.resolve("index.html"))).isEqualTo("d1's");
    }

    /** A failed writer removes its partial directory; names with glob characters only touch their own leftovers. */
    @Test
    void abortRemovesThePartialAndGlobCharactersAreLiteral(@TempDir Path root) throws IOException {
        long dead = ProcessHandle.current().pid() + 1_000_000;
        Path other = Files.createDirectories(root.resolve("reports/.job-5.old-" + dead));
        ReportDirectory out = ReportDirectory.open(root.resolve("reports/job-[5"));
        Files.writeString(out.workDir().resolve("index.html"), "half");
        out.abort();
        assertThat(out.workDir()).doesNotExist();
        ReportDirectory.open(root.resolve("reports/job-?")).abort();
        assertThat(other).as("another report's leftover is not matched by a glob-like name").exists();
    }

    @Test
    void leftoversOfADeadWriterAreRemoved(@TempDir Path root) throws IOException {
        long dead = ProcessHandle.current().pid() + 1_000_000;   // beyond pid_max: no such process
        Path partial = Files.createDirectories(root.resolve(".job-4.partial-" + dead + "/figures"));
        Files.writeString(partial.resolve("half.png"), "half");
        Files.createDirectories(root.resolve(".job-4.old-" + dead));
        Files.createDirectories(root.resolve(".job-40.partial-" + dead));   // another report's: kept

        ReportDirectory out = ReportDirectory.open(root.resolve("job-4"));
        Files.writeString(out.workDir().resolve("index.html"), "whole");
        out.publish();

        assertThat(entries(root)).containsExactlyInAnyOrder("job-4", ".job-40.partial-" + dead);
    }

    @Test
    void aDirectoryHoldingSomethingElseIsRefused(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> ReportDirectory.open(root)).isInstanceOf(IOException.class)
                .hasMessageContaining("notes.txt").hasMessageContaining("not part of a report");
        assertThat(root.resolve("notes.txt")).exists();
    }

    private static java.util.List<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
