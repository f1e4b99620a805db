package io.countywatch.aggregator.db;

import io.countywatch.aggregator.db.embedded.RunningServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * The database of a process that only reads ({@code aggregator.db.read-only=true}, the preview CLI): the external
 * database when one is configured, else the embedded server a running service started on the data directory
 * (its port is in the directory's {@code postmaster.pid}), else none. It never starts a server, so it can never
 * fight a running service over its data directory.
 */
final class ReadOnlyDatabase {

    private static final Logger log = LoggerFactory.getLogger(ReadOnlyDatabase.class);
    private static final String EMBEDDED_DATABASE = "aggregator";

    private ReadOnlyDatabase() {}

    static DatabaseEndpoint endpoint(DatabaseProperties properties, Environment environment) {
        DatabaseEndpoint external = DatabaseConfiguration.external(properties, environment);
        if (external != null) {
            log.info("Reading the external PostgreSQL at {} (read-only)", external.jdbcUrl());
            return external;
        }
        var dataDir = properties.embedded().dataDir();
        return RunningServer.find(dataDir)
                .map(server -> {
                    log.info(
                            "Reading the running service's embedded PostgreSQL on 127.0.0.1:{} (data in {}, read-only)",
                            server.port(),
                            server.dataDir());
                    return new DatabaseEndpoint(
                            server.r2dbcUrl(EMBEDDED_DATABASE),
                            server.jdbcUrl(EMBEDDED_DATABASE),
                            server.user(),
                            "",
                            null);
                })
                .orElseGet(() -> {
                    log.info(
                            "No service runs on {} and no database URL is set: running without a database",
                            dataDir.toAbsolutePath());
                    return DatabaseEndpoint.none();
                });
    }
}
