package org.losslab.cli;

import org.losslab.BadInputException;
import org.losslab.ExitCodes;
import picocli.CommandLine;

/**
 * Entry point of {@code ./losslab}. Parses the command line before anything touches the database,
 * so usage errors never write; maps failures to the documented exit codes with one-line messages.
 */
public final class Main {

    private Main() {
    }

    /** The program: runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        CommandLine cli = new CommandLine(new LosslabCommand());
        cli.setExecutionExceptionHandler((e, line, parsed) -> handle(e));
        cli.setParameterExceptionHandler((e, args2) -> {
            System.err.println("losslab: " + e.getMessage());
            e.getCommandLine().usage(System.err);
            return ExitCodes.USAGE;
        });
        return cli.execute(args);
    }

    static int handle(Exception e) {
        Throwable bad = Causes.find(e, BadInputException.class);
        if (bad != null) {
            System.err.println("losslab: " + bad.getMessage());
            return ExitCodes.USAGE;
        }
        Throwable db = Causes.find(e, DatabaseUnavailableException.class);
        if (db != null) {
            System.err.println("losslab: " + db.getMessage());
            return ExitCodes.DATABASE_UNAVAILABLE;
        }
        Throwable lost = connectionLoss(e);
        if (lost != null) {
            System.err.println("losslab: lost the database connection (" + firstLine(lost.getMessage())
                    + "); the job is restartable: 'losslab restart --last' once the database is back");
            return ExitCodes.DATABASE_UNAVAILABLE;
        }
        System.err.println("losslab: " + e.getMessage());
        e.printStackTrace(System.err);
        return ExitCodes.FAILED;
    }

    /** The deepest cause that says the database connection failed (SQLSTATE class 08, pool timeout). */
    static Throwable connectionLoss(Throwable e) {
        Throwable found = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException || t instanceof java.net.ConnectException
                    || (t instanceof java.sql.SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08"))) {
                found = t;
            }
        }
        return found;
    }

    private static String firstLine(String s) {
        return s == null ? "no message" : s.lines().findFirst().orElse("").trim();
    }
}
