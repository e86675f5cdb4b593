package org.losslab.cli;

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
            String command = e.getCommandLine().getCommandSpec().qualifiedName();
            return Failures.line(e.getMessage() + " (see: " + command + " --help)", null, ExitCodes.USAGE);
        });
        try {
            return cli.execute(args);
        } catch (RuntimeException | Error e) { // an Error (e.g. OutOfMemoryError) passes picocli's handler
            return Failures.handle(e);
        }
    }

    static int handle(Exception e) {
        return Failures.handle(e);
    }

    /** The deepest cause that says the database connection failed (SQLSTATE class 08, pool timeout). */
    static Throwable connectionLoss(Throwable e) {
        return org.losslab.store.TransientDatabaseErrors.connectionLoss(e);
    }
}
