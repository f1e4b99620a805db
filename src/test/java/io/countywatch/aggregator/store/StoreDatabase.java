package io.countywatch.aggregator.store;

import io.countywatch.aggregator.db.Migrations;
import io.countywatch.aggregator.db.PgNotifications;
import io.countywatch.aggregator.store.items.ItemEventListener;
import io.countywatch.aggregator.support.TestDatabase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import org.springframework.r2dbc.core.DatabaseClient;

/** A fresh migrated database of the shared test server, with a pooled R2DBC client, for repository tests. */
public record StoreDatabase(ConnectionPool pool, DatabaseClient db, String jdbcUrl) implements AutoCloseable {

    public static StoreDatabase create(String prefix, int poolSize) {
        return open(TestDatabase.freshDatabase(prefix), poolSize);
    }

    /** A pooled client for an existing database of the shared test server (migrated first if it is not). */
    public static StoreDatabase open(String r2dbc, int poolSize) {
        var server = TestDatabase.server();
        String jdbc = r2dbc.replaceFirst("^r2dbc:", "jdbc:");
        Migrations.configure()
                .dataSource(jdbc, server.user(), server.password())
                .load()
                .migrate();
        ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(r2dbc)
                .mutate()
                .option(ConnectionFactoryOptions.USER, server.user())
                .option(ConnectionFactoryOptions.PASSWORD, server.password())
                .build();
        ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(options))
                .initialSize(1)
                .maxSize(poolSize)
                .maxAcquireTime(Duration.ofSeconds(30))
                .build());
        return new StoreDatabase(pool, DatabaseClient.create(pool), jdbc);
    }

    /** Inserts source rows (items need them). */
    public void sources(String... ids) {
        for (String id : ids) {
            db.sql("INSERT INTO source (id, name, url, interval_seconds) VALUES (:id, :id, 'http://127.0.0.1/', 600)")
                    .bind("id", id)
                    .fetch()
                    .rowsUpdated()
                    .block(Duration.ofSeconds(30));
        }
    }

    /**
     * The item event listener of the service, on this database (for stream tests outside this package); its LISTEN
     * connection is checked every {@code ping}.
     */
    public ItemEventListener itemEventListener(Duration ping) {
        return new ItemEventListener(new PgNotifications(pool, Duration.ofSeconds(1), ping));
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
