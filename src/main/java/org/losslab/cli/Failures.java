package org.losslab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.losslab.BadInputException;
import org.losslab.ExitCodes;
import org.losslab.NothingToRestartException;

/**
 * The one path from an exception to what the user sees: exactly one line on stderr and the documented
 * exit code (docs/operations.md "Exit codes"). Bad input is exit 2, an unreachable database exit 5, nothing to
 * restart exit 6,
 * anything else exit 1. No stack trace reaches the terminal: with {@code --debug} it goes to a debug log
 * whose path the line names.
 */
final class Failures {

    /** The system property {@code --debug} sets; also read by tests. */
    static final String DEBUG = "losslab.debug";

    private Failures() {
    }

    static boolean debug() {
        return Boolean.getBoolean(DEBUG);
    }

    /** Prints the one line for {@code e} and returns its exit code. */
    static int handle(Throwable e) {
        Throwable nothing = Causes.find(e, NothingToRestartException.class);
        if (nothing != null) {
            return line(nothing.getMessage(), e, ExitCodes.NOTHING_TO_RESTART);
        }
        Throwable bad = Causes.find(e, BadInputException.class);
        if (bad == null) {
            bad = userError(e);
        }
        if (bad != null) {
            return line(bad.getMessage(), e, ExitCodes.USAGE);
        }
        Throwable db = Causes.find(e, DatabaseUnavailableException.class);
        if (db != null) {
            return line(db.getMessage(), e, ExitCodes.DATABASE_UNAVAILABLE);
        }
        Throwable lost = Main.connectionLoss(e);
        if (lost != null) {
            return line("lost the database connection (" + firstLine(lost.getMessage())
                    + "); the job is restartable: 'losslab restart --last' once the database is back",
                    e, ExitCodes.DATABASE_UNAVAILABLE);
        }
        return line("failed: " + firstLine(describe(e)) + (debug() ? "" : " (details with --debug)"), e, ExitCodes.FAILED);
    }

    /** Errors that can only come from what the user typed, though not raised as BadInputException. */
    private static Throwable userError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidPathException || t instanceof OutOfMemoryError) {
                return new BadInputException(t instanceof OutOfMemoryError
                        ? "the request is too large for this machine's memory (" + t.getMessage() + ")"
                        : "invalid path: " + t.getMessage());
            }
        }
        return null;
    }

    static int line(String message, Throwable e, int code) {
        String text = "losslab: " + plain(firstLine(message));
        if (debug() && e != null) {
            text += " [stack trace in " + writeDebugLog(e) + "]";
        }
        System.err.println(text);
        return code;
    }

    /** Without Java class names of exceptions (they mean nothing to a user) and with NUL shown as \0. */
    static String plain(String s) {
        return s.replaceAll("\\b([a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(Exception|Error)(: ?)?", "")
                .replace("\0", "\\0").replaceAll("\\(\\s*\\)", "").strip();
    }

    /** The message without line breaks (a multi-line message would break the one-line promise). */
    static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return "no message";
        }
        return String.join(" ", s.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return root == e || root.getMessage() == null || top.contains(root.getMessage()) ? top
                : top + ": " + root.getMessage();
    }

    /** Appends the stack trace to {@code LOSSLAB_DEBUG_LOG} (default {@code losslab-debug.log} in the temp dir). */
    private static Path writeDebugLog(Throwable e) {
        String configured = System.getenv("LOSSLAB_DEBUG_LOG");
        Path log = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "losslab-debug.log");
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(log, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND))) {
            w.println("--- " + Instant.now() + " pid " + ProcessHandle.current().pid());
            e.printStackTrace(w);
        } catch (IOException | UncheckedIOException io) {
            return Path.of("(not written: " + io.getMessage() + ")");
        }
        return log;
    }
}
