package org.losslab.cli;

/** The RabbitMQ broker of remote partitioning cannot be reached (exit code 5, like the database). */
public class BrokerUnavailableException extends DatabaseUnavailableException {
    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
