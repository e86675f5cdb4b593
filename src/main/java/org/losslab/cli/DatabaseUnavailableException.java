package org.losslab.cli;

/** The configured PostgreSQL cannot be reached (exit code 5). */
public class DatabaseUnavailableException extends RuntimeException {
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
