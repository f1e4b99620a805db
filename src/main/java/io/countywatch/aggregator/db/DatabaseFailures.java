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

    /** What kind of trouble the database is in, with its name in words. */
    public enum Kind {
        DISK_FULL("database disk full"),
        OUT_OF_RESOURCES("database out of resources"),
        UNREACHABLE("database unreachable");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** The kind of failure, or empty when it is not the database's own trouble. */
    public static Optional<Kind> kind(Throwable error) {
        return classify(error).map(Classified::kind);
    }

    /** The failure in words when it is the database's own trouble, or empty when it is not a database failure. */
    public static Optional<String> describe(Throwable error) {
        return classify(error).map(failure -> failure.kind().words() + ": " + failure.message());
    }

    private record Classified(Kind kind, String message) {}

    private static Optional<Classified> classify(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.toLowerCase(Locale.ROOT).contains("no space left on device")
                    || cause instanceof R2dbcException r2dbc && DISK_FULL.equals(r2dbc.getSqlState())) {
                return Optional.of(new Classified(Kind.DISK_FULL, message));
            }
            if (cause instanceof R2dbcException r2dbc
                    && r2dbc.getSqlState() != null
                    && r2dbc.getSqlState().startsWith(RESOURCES)) {
                return Optional.of(new Classified(Kind.OUT_OF_RESOURCES, message));
            }
            if (cause instanceof java.net.ConnectException
                    || cause instanceof R2dbcException r2dbc
                            && r2dbc.getSqlState() != null
                            && r2dbc.getSqlState().startsWith(CONNECTION)) {
                return Optional.of(new Classified(Kind.UNREACHABLE, message));
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }
}
