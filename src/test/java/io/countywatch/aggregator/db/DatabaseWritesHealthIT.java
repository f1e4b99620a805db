package io.countywatch.aggregator.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.store.StoreDatabase;
import io.countywatch.aggregator.support.TestDatabase;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.unit.DataSize;

/** The databaseWrites health component against the real server: a real write, a real failing write, a full disk. */
class DatabaseWritesHealthIT {

    private static final Path DATA_DIR = Path.of("/var/lib/countywatch/pg");
    private static final DataSize MIN_FREE = DataSize.ofMegabytes(256);

    @Test
    void upWhenATestWriteCommitsAndTheDiskHasRoom() {
        try (StoreDatabase database = StoreDatabase.create("writes_up", 2)) {
            Health health = check(database, 10L * 1024 * 1024 * 1024);

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("freeBytes", 10L * 1024 * 1024 * 1024);
        }
    }

    @Test
    void downWhenTheDataDiskIsNearlyFull() {
        try (StoreDatabase database = StoreDatabase.create("writes_disk", 2)) {
            Health health = check(database, 10L * 1024 * 1024);

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails())
                    .containsEntry(
                            "error", "database disk nearly full: 10 MB free in /var/lib/countywatch/pg, below 256 MB");
        }
    }

    @Test
    void downWhenTheDatabaseRefusesToWrite() {
        String url = TestDatabase.freshDatabase("writes_refused");
        try (StoreDatabase database = StoreDatabase.open(url, 1)) {
            String name = url.substring(url.lastIndexOf('/') + 1);
            // a real refusal: every new session of this database is read-only
            database.db()
                    .sql("ALTER DATABASE " + name + " SET default_transaction_read_only = on")
                    .then()
                    .block(Duration.ofSeconds(30));
        }
        // a new pool (sessions opened after the change), without StoreDatabase's migration run
        ConnectionFactory readOnly = ConnectionFactories.get(ConnectionFactoryOptions.parse(url)
                .mutate()
                .option(ConnectionFactoryOptions.USER, TestDatabase.server().user())
                .option(ConnectionFactoryOptions.PASSWORD, TestDatabase.server().password())
                .build());
        Health health = new DatabaseWritesHealth(
                        readOnly, Optional.of(DATA_DIR), folder -> 10L * 1024 * 1024 * 1024, MIN_FREE)
                .health()
                .block(Duration.ofSeconds(30));

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(String.valueOf(health.getDetails().get("error")))
                .startsWith("a test write failed: ")
                .contains("read-only transaction");
    }

    private static Health check(StoreDatabase database, long freeBytes) {
        return new DatabaseWritesHealth(database.pool(), Optional.of(DATA_DIR), folder -> freeBytes, MIN_FREE)
                .health()
                .block(Duration.ofSeconds(30));
    }
}
