package org.losslab.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.losslab.ExitCodes;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code losslab sql [-c QUERY] [--csv]}: SQL on the configured or embedded database (the embedded
 * server runs for the session's length), printed as aligned tables; needs no psql, so no psql
 * version has to match the embedded PostgreSQL 17 (docs/operations.md, querying the results).
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Run SQL on the results database and print aligned tables (or CSV).",
                "Without -c: reads statements ending with ';' from stdin until EOF or \\q."})
class SqlCommand implements Callable<Integer> {

    @Option(names = "-c", paramLabel = "QUERY", description = "Run QUERY (one or more statements), print the result, exit.")
    String command;

    @Option(names = "--csv", description = "CSV with a header line instead of an aligned table.")
    boolean csv;

    @Override
    public Integer call() throws Exception {
        try (ConfigurableApplicationContext ctx = ApplicationContexts.open();
             Connection c = ctx.getBean(DataSource.class).getConnection()) {
            c.setAutoCommit(true);
            if (command != null) {
                return execute(c, command, System.out) ? ExitCodes.OK : ExitCodes.USAGE;
            }
            return session(c);
        }
    }

    /** Reads statements ending with ';' from stdin; a failed one is reported and the session goes on. */
    private int session(Connection c) throws Exception {
        boolean terminal = System.console() != null;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder statement = new StringBuilder();
        boolean allOk = true;
        if (terminal) {
            System.err.println("losslab sql: statements end with ';', \\q or Ctrl-D quits");
        }
        while (true) {
            if (terminal) {
                System.err.print(statement.isEmpty() ? "losslab=> " : "losslab-> ");
                System.err.flush();
            }
            String line = in.readLine();
            if (line == null || (statement.isEmpty() && (line.strip().equals("\\q") || line.strip().equals("quit")))) {
                break;
            }
            statement.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                allOk &= execute(c, statement.toString(), System.out);
                statement.setLength(0);
            }
        }
        if (!statement.toString().isBlank()) {
            allOk &= execute(c, statement.toString(), System.out);
        }
        return allOk || terminal ? ExitCodes.OK : ExitCodes.USAGE;
    }

    /** Runs {@code sql} and prints every result; false (with one line on stderr) when the database refused it. */
    boolean execute(Connection c, String sql, PrintStream out) {
        try (Statement s = c.createStatement()) {
            boolean isResult = s.execute(sql);
            while (true) {
                if (isResult) {
                    ResultTable table = ResultTable.read(s.getResultSet());
                    if (csv) {
                        table.printCsv(out);
                    } else {
                        table.printAligned(out);
                    }
                } else if (s.getUpdateCount() >= 0) {
                    out.println("(" + s.getUpdateCount() + " rows affected)");
                } else {
                    break;
                }
                isResult = s.getMoreResults();
            }
            out.flush();
            return true;
        } catch (SQLException e) {
            System.err.println("ERROR: " + e.getMessage().lines().findFirst().orElse("").replaceFirst("^ERROR: ", ""));
            return false;
        }
    }
}
