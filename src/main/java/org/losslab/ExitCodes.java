package org.losslab;

/** Process exit codes, documented in docs/operations.md ("Exit codes"). */
public final class ExitCodes {
    /** The job completed (or the command succeeded). */
    public static final int OK = 0;
    /** The job failed; it is restartable with {@code losslab restart}. */
    public static final int FAILED = 1;
    /** Usage or input error: nothing was written. */
    public static final int USAGE = 2;
    /** The job was stopped (SIGTERM, Ctrl-C or {@code losslab stop}); it is restartable. */
    public static final int STOPPED = 3;
    /** Refused: another live process holds this job (fresh heartbeat or already running). */
    public static final int BUSY = 4;
    /** The database cannot be reached. */
    public static final int DATABASE_UNAVAILABLE = 5;
    /**
     * Nothing to restart: {@code restart --last} found no execution, or the execution failed before its spec was
     * recorded; run the spec instead. Nothing was written.
     */
    public static final int NOTHING_TO_RESTART = 6;

    private ExitCodes() {
    }
}
