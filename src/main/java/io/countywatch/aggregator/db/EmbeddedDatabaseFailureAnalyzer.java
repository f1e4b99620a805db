package io.countywatch.aggregator.db;

import io.countywatch.aggregator.db.embedded.LocalPostgresException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a failure of the embedded PostgreSQL at start-up (bad settings, a data directory in use or unusable, a
 * server that would not start) into Spring Boot's short "APPLICATION FAILED TO START" report with what to change,
 * instead of a page of nested bean-creation traces.
 */
final class EmbeddedDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<LocalPostgresException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LocalPostgresException cause) {
        return new FailureAnalysis(
                "The embedded PostgreSQL could not start:\n\n"
                        + cause.getMessage().indent(4),
                "Change what the message names (aggregator.db.embedded.data-dir / AGGREGATOR_DATA_DIR,"
                        + " aggregator.db.embedded.shared-buffers / AGGREGATOR_PG_SHARED_BUFFERS), or run against"
                        + " an external PostgreSQL by setting AGGREGATOR_DB_URL, then start again.",
                cause);
    }
}
