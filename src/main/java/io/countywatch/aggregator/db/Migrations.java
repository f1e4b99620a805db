package io.countywatch.aggregator.db;

import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** The one Flyway configuration of the schema, for the service and for tests that migrate a database themselves. */
public final class Migrations {

    private Migrations() {}

    /**
     * Flyway with the migrations of {@code classpath:db/migration}. Its PostgreSQL lock is a session lock, not a
     * transaction's: {@code CREATE INDEX CONCURRENTLY} (V9, V10) waits for every open transaction of the database
     * to end, Flyway's own lock transaction included, and would wait forever.
     */
    public static FluentConfiguration configure() {
        return Flyway.configure()
                .locations("classpath:db/migration")
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false"));
    }
}
