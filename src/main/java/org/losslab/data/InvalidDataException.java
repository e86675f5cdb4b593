package org.losslab.data;

/**
 * Files or bytes that are not valid MNIST data; the message starts with the file (or data set) and
 * says what is wrong. An {@link IllegalArgumentException} of its own type, so that the layers that
 * read user files (the spec's preflight, the benchmark command) turn exactly these, and no
 * programming error, into bad input (exit 2).
 */
public class InvalidDataException extends IllegalArgumentException {

    public InvalidDataException(String message) {
        super(message);
    }

    public InvalidDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
