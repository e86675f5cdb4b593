package org.losslab.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Which database errors are transient, i.e. worth retrying after a pause because the same work can
 * succeed once the database is back (docs/reliability.md, "Retries inside a step"): the connection
 * was lost or could not be made (SQLSTATE class 08, the pool's timeout), the server is shutting
 * down or restarting (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now), or the
 * transaction lost a race it can simply run again (40001 serialization failure, 40P01 deadlock).
 * Everything else (a constraint violation, a syntax error, a bug) is not retried.
 */
public final class TransientDatabaseErrors {

    private TransientDatabaseErrors() {
    }

    /** Whether {@code e} or one of its causes is a transient database error. */
    public static boolean isTransient(Throwable e) {
        return transientCause(e) != null;
    }

    /** The first transient database error in the cause chain of {@code e}, or null. */
    public static Throwable transientCause(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 64; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || closedByPool(t)) {
                return t;
            }
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (lostConnection(s.getSQLState()) || s.getSQLState().equals("40001") || s.getSQLState().equals("40P01"))) {
                return t;
            }
        }
        return null;
    }

    /**
     * The deepest cause saying the connection is gone or could not be made (SQLSTATE class 08 or
     * 57P0x, the pool's timeout, a refused TCP connection), or null: after such an error the server
     * has rolled back whatever the connection had open.
     */
    public static Throwable connectionLoss(Throwable e) {
        Throwable found = null;
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 64; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof java.net.ConnectException || closedByPool(t)
                    || (t instanceof SQLException s && s.getSQLState() != null && lostConnection(s.getSQLState()))) {
                found = t;
            }
        }
        return found;
    }

    /** One line for a log: the SQLSTATE and the first line of the message of the transient cause. */
    public static String describe(Throwable e) {
        Throwable t = transientCause(e);
        if (t == null) {
            t = e;
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName()
                : t.getMessage().strip().lines().findFirst().orElse("");
        if (message.length() > 160) {
            message = message.substring(0, 157) + "...";
        }
        return t instanceof SQLException s && s.getSQLState() != null ? s.getSQLState() + " " + message : message;
    }

    /** HikariCP's answer on a connection it closed after an error of class 08 (no SQLSTATE of its own). */
    private static boolean closedByPool(Throwable t) {
        return t instanceof SQLException s && s.getSQLState() == null && "Connection is closed".equals(s.getMessage());
    }

    private static boolean lostConnection(String state) {
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }
}
