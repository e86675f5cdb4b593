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
        Throwable bad = find(e, BadInputException.class);
        if (bad != null) {
            System.err.println("losslab: " + bad.getMessage());
            return ExitCodes.USAGE;
        }
        Throwable db = find(e, DatabaseUnavailableException.class);
        if (db != null) {
            System.err.println("losslab: " + db.getMessage());
            return ExitCodes.DATABASE_UNAVAILABLE;
        }
        System.err.println("losslab: " + e.getMessage());
        e.printStackTrace(System.err);
        return ExitCodes.FAILED;
    }

    private static Throwable find(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
