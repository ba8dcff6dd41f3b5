package vn.loa.messaging;

/**
 * A record that can never be processed: not an envelope, or data that cannot be bound to the
 * handler's class. Not retried: the error handler sends the record straight to {@code <topic>-dlt}.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
