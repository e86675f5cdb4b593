package org.losslab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Publishes a report directory all at once, so that a process killed while writing a report (even by
 * SIGKILL) never leaves a half-written one that looks complete. The report is written into a hidden
 * sibling {@code .<name>.partial-<pid>} and then renamed into place; a previous report is first renamed
 * aside to {@code .<name>.old-<pid>} and deleted afterwards. A kill between the two renames leaves no
 * report at all (never a partial one); {@code losslab report} writes it again. Leftovers of writers
 * that died are removed by the next writer of the same directory; "died" is judged by PID on this
 * host, so writers on other hosts must not share a reports directory.
 */
final class ReportDirectory {

    private static final String PARTIAL = ".partial-";
    private static final String OLD = ".old-";
    /** Written into every report: which database it is the report of ({@code database <uuid>}). */
    static final String MARKER = ".losslab-report";
    private static final Set<String> REPORT_ENTRIES = Set.of("index.html", "figures", MARKER);

    private final Path target;
    private final Path partial;

    private ReportDirectory(Path target, Path partial) {
        this.target = target;
        this.partial = partial;
    }

    /**
     * Starts a report for {@code dir}: refuses a directory that holds anything but a report (it is replaced
     * as a whole), removes leftovers of dead writers, and creates the empty partial directory.
     */
    static ReportDirectory open(Path dir) throws IOException {
        return open(dir, (String) null);
    }

    /**
     * As {@link #open(Path)}, for the report of database {@code databaseId}: an existing report there must
     * be one of the same database (a run on another database never overwrites it, issue #18 item 5).
     */
    static ReportDirectory open(Path dir, String databaseId) throws IOException {
        return open(dir, databaseId, REPORT_ENTRIES::contains, true);
    }

    /** {@link #open(Path)} for a report whose own entries are those {@code ownEntry} accepts (by file name). */
    static ReportDirectory open(Path dir, Predicate<String> ownEntry) throws IOException {
        return open(dir, null, ownEntry, false);
    }

    /**
     * {@code marked}: a report directory carries the {@link #MARKER} (HTML reports); a published page
     * ({@code --markdown}) is recognised by its entries alone, so that no database identity lands in docs/.
     */
    private static ReportDirectory open(Path dir, String databaseId, Predicate<String> ownEntry, boolean marked)
            throws IOException {
        Path target = check(dir, databaseId, ownEntry.or(MARKER::equals), marked);
        Path parent = Files.createDirectories(target.getParent());
        removeLeftovers(parent, target.getFileName().toString());
        Path partial = parent.resolve(hidden(target, PARTIAL));
        deleteTree(partial);
        Files.createDirectories(partial);
        if (databaseId != null) {
            Files.writeString(partial.resolve(MARKER), "database " + databaseId + "\n");
        }
        return new ReportDirectory(target, partial);
    }

    /**
     * Refuses a target that is a file, the root, a non-empty directory that is not a losslab report (no
     * marker) or the report of another database than {@code databaseId} (when given); returns it absolute.
     */
    static Path check(Path dir, String databaseId) throws IOException {
        return check(dir, databaseId, REPORT_ENTRIES::contains, true);
    }

    private static Path check(Path dir, String databaseId, Predicate<String> ownEntry, boolean marked)
            throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                Path foreign = entries.filter(p -> !ownEntry.test(p.getFileName().toString()))
                        .findFirst().orElse(null);
                if (foreign != null) {
                    throw new IOException(target + " holds " + foreign.getFileName()
                            + ", which is not part of a report; choose a new or empty directory");
                }
            }
            if (marked) {
                checkMarker(target, databaseId);
            }
        } else if (Files.exists(target)) {
            throw new IOException(target + " exists and is not a directory");
        }
        if (target.getParent() == null) {
            throw new IOException(target + " is the root directory");
        }
        return target;
    }

    private static void checkMarker(Path target, String databaseId) throws IOException {
        boolean empty;
        try (Stream<Path> entries = Files.list(target)) {
            empty = entries.findAny().isEmpty();
        }
        Path marker = target.resolve(MARKER);
        if (empty) {
            return;
        }
        if (!Files.isRegularFile(marker)) {
            throw new IOException(target + " is not a losslab report (it has no " + MARKER
                    + "); choose a new or empty directory");
        }
        String owner = Files.readString(marker).strip().replaceFirst("^database ", "");
        if (databaseId != null && !owner.equals(databaseId)) {
            throw new IOException(target + " holds the report of another database (" + owner
                    + ", this is " + databaseId + "); choose another directory with --out");
        }
    }

    /** Where the report is written until {@link #publish()}. */
    Path workDir() {
        return partial;
    }

    /** Removes the partial directory of a report that failed before {@link #publish()}. */
    void abort() {
        try {
            deleteTree(partial);
        } catch (IOException ignored) {
            // the next writer of this directory removes it (its writer is gone by then)
        }
    }

    /** Renames the finished report into place and returns its final directory. */
    Path publish() throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling(hidden(target, OLD));
            deleteTree(old);
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            deleteTree(old);
        }
        return target;
    }

    private static String hidden(Path target, String kind) {
        return "." + target.getFileName() + kind + ProcessHandle.current().pid();
    }

    /** Deletes {@code .<name>.partial-<pid>} and {@code .<name>.old-<pid>} of processes no longer alive. */
    private static void removeLeftovers(Path parent, String name) throws IOException {
        String prefix = "." + name;   // matched literally: a glob built from the name could match other reports
        try (Stream<Path> siblings = Files.list(parent)) {
            for (Path p : siblings.filter(p -> p.getFileName().toString().startsWith(prefix + ".")).toList()) {
                String rest = p.getFileName().toString().substring(prefix.length());
                String pid = rest.startsWith(PARTIAL) ? rest.substring(PARTIAL.length())
                        : rest.startsWith(OLD) ? rest.substring(OLD.length()) : null;
                if (pid != null && pid.matches("\\d+") && !alive(Long.parseLong(pid))) {
                    deleteTree(p);
                }
            }
        }
    }

    private static boolean alive(long pid) {
        return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
