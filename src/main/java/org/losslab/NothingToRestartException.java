package org.losslab;

/**
 * {@code restart} found nothing to resume: {@code --last} on a database without any execution, or an execution
 * that failed before its spec was recorded. The CLI maps it to exit code 6 ({@link ExitCodes#NOTHING_TO_RESTART}),
 * so that a script can run the spec instead without reading the message; nothing was written.
 */
public class NothingToRestartException extends RuntimeException {

    public NothingToRestartException(String message) {
        super(message);
    }
}
