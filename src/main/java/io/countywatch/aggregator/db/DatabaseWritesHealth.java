package io.countywatch.aggregator.db;

import io.countywatch.aggregator.db.embedded.RunningPostgres;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code databaseWrites} health component: whether the database can write now. The JVM's own disk check watches
 * the working folder, not the embedded server's data folder, and a reading query succeeds on a full disk; so this
 * checks the data folder's free space (embedded server only) and commits a small write (a temporary table, which
 * writes the catalog and the WAL), DOWN with the reason in words when either fails.
 */
@Component("databaseWrites")
class DatabaseWritesHealth implements ReactiveHealthIndicator {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final String[] PROBE = {
        "CREATE TEMPORARY TABLE health_write_probe (at timestamptz) ON COMMIT DROP",
        "INSERT INTO health_write_probe VALUES (now())"
    };

    private final ConnectionFactory connections;
    private final Optional<Path> dataDir;
    private final FreeSpace freeSpace;
    private final DataSize minFree;

    @Autowired
    DatabaseWritesHealth(
            ConnectionFactory connections,
            DatabaseEndpoint endpoint,
            @Value("${aggregator.db.min-free-space:256MB}") DataSize minFree) {
        this(
                connections,
                endpoint.server() instanceof RunningPostgres embedded
                        ? Optional.of(embedded.dataDir())
                        : Optional.empty(),
                FreeSpace.OF_FILE_SYSTEM,
                minFree);
    }

    /** @param dataDir the embedded server's data folder; empty for an external database, whose disk is not ours */
    public DatabaseWritesHealth(
            ConnectionFactory connections, Optional<Path> dataDir, FreeSpace freeSpace, DataSize minFree) {
        this.connections = connections;
        this.dataDir = dataDir;
        this.freeSpace = freeSpace;
        this.minFree = minFree;
    }

    @Override
    public Mono<Health> health() {
        Health.Builder space = Health.up();
        if (dataDir.isPresent()) {
            try {
                long free = freeSpace.usableBytes(dataDir.get());
                space.withDetail("dataDir", dataDir.get().toString()).withDetail("freeBytes", free);
                if (free < minFree.toBytes()) {
                    return Mono.just(space.down()
                            .withDetail(
                                    "error",
                                    "database disk nearly full: " + free / (1024 * 1024) + " MB free in "
                                            + dataDir.get() + ", below " + minFree.toMegabytes() + " MB")
                            .build());
                }
            } catch (IOException e) {
                space.withDetail("freeBytes", "unknown: " + e.getMessage());
            }
        }
        return probe().thenReturn(space.build())
                .timeout(PROBE_TIMEOUT, Mono.error(new IllegalStateException("a test write took over 5 s")))
                .onErrorResume(error -> Mono.just(space.down()
                        .withDetail(
                                "error",
                                DatabaseFailures.describe(error).orElse("a test write failed: " + error.getMessage()))
                        .build()));
    }

    private Mono<Void> probe() {
        return Mono.usingWhen(
                Mono.from(connections.create()),
                connection -> Mono.from(connection.beginTransaction())
                        .thenMany(Flux.fromArray(PROBE).concatMap(sql -> execute(connection, sql)))
                        .then(Mono.from(connection.commitTransaction())),
                Connection::close,
                (connection, error) -> Mono.from(connection.rollbackTransaction())
                        .onErrorResume(e -> Mono.empty())
                        .then(Mono.from(connection.close())),
                Connection::close);
    }

    private static Flux<Long> execute(Connection connection, String sql) {
        return Flux.from(connection.createStatement(sql).execute()).concatMap(Result::getRowsUpdated);
    }
}
