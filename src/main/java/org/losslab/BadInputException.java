package org.losslab;

/**
 * Bad input from a user: a file, a spec key or an argument that cannot be used as given.
 * The message always names the file, key or argument and says what is wrong; the CLI maps it
 * to exit code 2 ({@link ExitCodes#USAGE}) and guarantees that nothing was written.
 */
public class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
