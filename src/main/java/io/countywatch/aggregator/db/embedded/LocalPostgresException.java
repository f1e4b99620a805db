package io.countywatch.aggregator.db.embedded;

/** The bundled PostgreSQL could not be started or stopped; the message says what to change. */
public class LocalPostgresException extends RuntimeException {

    public LocalPostgresException(String message) {
        super(message);
    }

    public LocalPostgresException(String message, Throwable cause) {
        super(message, cause);
    }
}
