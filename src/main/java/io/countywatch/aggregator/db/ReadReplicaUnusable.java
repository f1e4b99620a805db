package io.countywatch.aggregator.db;

/** The replica of {@code aggregator.db.read-url} cannot be used: the URL is malformed, or it cannot be read. */
final class ReadReplicaUnusable extends RuntimeException {

    ReadReplicaUnusable(String message, Throwable cause) {
        super(message, cause);
    }
}
