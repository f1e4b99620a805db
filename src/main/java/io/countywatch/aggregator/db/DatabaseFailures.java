package io.countywatch.aggregator.db;

import io.r2dbc.spi.R2dbcException;
import java.util.Locale;
import java.util.Optional;

/**
 * Says in words what a database failure means for an admin, where the exception would say
 * {@code DataAccessResourceFailureException … No space left on device}: the disk is full, the database is out of some
 * resource, or it cannot be reached.
 */
public final class DatabaseFailures {

    private static final String DISK_FULL = "53100"; // PostgreSQL's disk_full
    private static final String RESOURCES = "53"; // insufficient_resources and its kin
    private static final String CONNECTION = "08"; // connection_exception and its kin

    private DatabaseFailures() {}

    /**
     * The kind of failure in three words, {@code database disk full}, {@code database out of resources} or {@code
     * database unreachable}, or empty when it is not a database failure.
     */
    public static Optional<String> kind(Throwable error) {
        return describe(error).map(words -> words.substring(0, words.indexOf(':')));
    }

    /** The failure in words when it is the database's own trouble, or empty when it is not a database failure. */
    public static Optional<String> describe(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.toLowerCase(Locale.ROOT).contains("no space left on device")
                    || cause instanceof R2dbcException r2dbc && DISK_FULL.equals(r2dbc.getSqlState())) {
                return Optional.of("database disk full: " + message);
            }
            if (cause instanceof R2dbcException r2dbc
                    && r2dbc.getSqlState() != null
                    && r2dbc.getSqlState().startsWith(RESOURCES)) {
                return Optional.of("database out of resources: " + message);
            }
            if (cause instanceof java.net.ConnectException
                    || cause instanceof R2dbcException r2dbc
                            && r2dbc.getSqlState() != null
                            && r2dbc.getSqlState().startsWith(CONNECTION)) {
                return Optional.of("database unreachable: " + message);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }
}
