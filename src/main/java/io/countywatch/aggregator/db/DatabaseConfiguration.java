package io.countywatch.aggregator.db;

import io.countywatch.aggregator.db.embedded.LocalPostgres;
import io.countywatch.aggregator.db.embedded.LocalPostgresException;
import io.countywatch.aggregator.db.embedded.LocalPostgresSettings;
import io.countywatch.aggregator.db.embedded.RunningPostgres;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Chooses the database (external when a URL is configured, else the embedded PostgreSQL), applies the Flyway
 * migrations over JDBC once at start-up, and builds the R2DBC connection pool the service uses from then on.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);
    private static final Duration SUPERVISION_INTERVAL = Duration.ofSeconds(1);

    @Bean(destroyMethod = "close")
    DatabaseEndpoint databaseEndpoint(DatabaseProperties properties, Environment environment) {
        if (readOnly(environment)) {
            return ReadOnlyDatabase.endpoint(properties, environment);
        }
        DatabaseEndpoint external = external(properties, environment);
        if (external != null) {
            log.info("Using external PostgreSQL at {}", JdbcUrls.withoutOptions(external.jdbcUrl()));
            return external;
        }
        var embedded = properties.embedded();
        log.info(
                "No database URL configured (AGGREGATOR_DB_URL): starting the embedded PostgreSQL in {}",
                embedded.dataDir().toAbsolutePath());
        RunningPostgres server = LocalPostgres.start(settings(embedded));
        // Spring closes this bean at shutdown (SIGTERM, Ctrl-C) after the web server and the pollers
        server.closeOnlyThroughOwner();
        // A server that dies (killed, out of memory) is started again within seconds on the same port.
        server.supervise(SUPERVISION_INTERVAL);
        log.info("Embedded PostgreSQL is up on 127.0.0.1:{}, data in {}", server.port(), server.dataDir());
        return new DatabaseEndpoint(server.r2dbcUrl(), server.jdbcUrl(), server.user(), server.password(), server);
    }

    private static LocalPostgresSettings settings(DatabaseProperties.Embedded embedded) {
        try {
            return new LocalPostgresSettings(
                    embedded.dataDir(), embedded.port(), "aggregator", embedded.sharedBuffers());
        } catch (IllegalArgumentException invalid) {
            throw new LocalPostgresException(invalid.getMessage(), invalid);
        }
    }

    @Bean
    DatabaseMigrations databaseMigrations(DatabaseEndpoint endpoint, Environment environment) {
        if (readOnly(environment)) {
            // the schema belongs to the service that runs on this database; a reader never changes it
            return new DatabaseMigrations();
        }
        Flyway flyway = Migrations.configure()
                .dataSource(endpoint.jdbcUrl(), endpoint.username(), endpoint.password())
                .load();
        int applied = flyway.migrate().migrationsExecuted;
        log.info("Database schema is current ({} migration(s) applied now)", applied);
        return new DatabaseMigrations();
    }

    @Bean(destroyMethod = "dispose")
    ConnectionPool connectionFactory(
            DatabaseEndpoint endpoint,
            DatabaseMigrations migrated,
            DatabaseProperties properties,
            Environment environment) {
        if (!endpoint.present()) {
            return new ConnectionPool(
                    ConnectionPoolConfiguration.builder(new NoDatabase()).build());
        }
        return pool(
                "aggregator",
                endpoint.r2dbcUrl(),
                endpoint.username(),
                endpoint.password(),
                properties.poolSize(),
                readOnly(environment));
    }

    /**
     * Where the reads that may lag go: the replica of {@code aggregator.db.read-url}, checked now, or the primary.
     * A read-only process (the preview CLI) reads little and briefly, and always reads the primary.
     */
    @Bean(destroyMethod = "close")
    ReadDatabase readDatabase(DatabaseClient primary, DatabaseProperties properties, Environment environment) {
        if (properties.readUrl() == null || properties.readUrl().isBlank() || readOnly(environment)) {
            return ReadDatabase.primary(primary);
        }
        ReadReplica replica = ReadReplica.of(properties);
        replica.check();
        log.info(
                "Reading feeds, /api/items, /api/sources and replay from the replica at {}",
                JdbcUrls.withoutOptions(replica.jdbcUrl()));
        return ReadDatabase.replica(pool(
                "aggregator-read",
                replica.r2dbcUrl(),
                replica.username(),
                replica.password(),
                properties.readPoolSize(),
                true));
    }

    static ConnectionPool pool(
            String name, String r2dbcUrl, String username, String password, int size, boolean readOnlySessions) {
        ConnectionFactoryOptions.Builder options =
                ConnectionFactoryOptions.parse(r2dbcUrl).mutate();
        if (username != null) {
            options.option(ConnectionFactoryOptions.USER, username);
        }
        if (password != null) {
            options.option(ConnectionFactoryOptions.PASSWORD, password);
        }
        // The driver prepares every statement once and PostgreSQL then switches to a generic plan, planned without
        // the values. For a keyword search that is the wrong plan both ways: a common word ("会议") wants the
        // newest-first index and a filter, a rare one the bigram index, and the generic plan picks one
        // for all. Planning with the actual values costs well under a millisecond per query.
        options.option(
                PostgresqlConnectionFactoryProvider.OPTIONS,
                readOnlySessions
                        ? Map.of("plan_cache_mode", "force_custom_plan", "default_transaction_read_only", "on")
                        : Map.of("plan_cache_mode", "force_custom_plan"));
        ConnectionPoolConfiguration pool = ConnectionPoolConfiguration.builder(ConnectionFactories.get(options.build()))
                .name(name)
                .initialSize(1)
                .maxSize(size)
                .maxIdleTime(Duration.ofMinutes(5))
                .maxAcquireTime(Duration.ofSeconds(10))
                // No validation query: it was one more round trip on every acquire (thousands a second while polling).
                // The pool's default check asks the driver whether the connection is still open, which catches a
                // restarted server (DatabaseOutageIT); a query on a connection that broke since fails and is retried.
                .validationDepth(ValidationDepth.LOCAL)
                .build();
        return new ConnectionPool(pool);
    }

    @Bean
    PgNotifications pgNotifications(ConnectionPool pool, DatabaseProperties properties) {
        return new PgNotifications(pool, properties.listenRetry(), properties.listenPing());
    }

    /** The configured external database ({@code aggregator.db.url} or {@code spring.r2dbc.url}), or null. */
    static DatabaseEndpoint external(DatabaseProperties properties, Environment environment) {
        String url = firstNonBlank(properties.url(), environment.getProperty("spring.r2dbc.url"));
        if (url == null) {
            return null;
        }
        String user = firstNonBlank(properties.username(), environment.getProperty("spring.r2dbc.username"));
        String password = firstNonBlank(properties.password(), environment.getProperty("spring.r2dbc.password"));
        return new DatabaseEndpoint(url, JdbcUrls.fromR2dbc(url), user, password, null);
    }

    /** {@code aggregator.db.read-only}: a process that reads the service's database (the preview CLI). */
    static boolean readOnly(Environment environment) {
        return environment.getProperty("aggregator.db.read-only", Boolean.class, false);
    }

    static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b == null || b.isBlank() ? null : b;
    }

    /** Marks that the schema is migrated; the pool depends on it so nothing queries an old schema. */
    record DatabaseMigrations() {}
}
