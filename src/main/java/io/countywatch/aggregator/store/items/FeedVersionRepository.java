package io.countywatch.aggregator.store.items;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the per-source feed versions that the commit triggers of item and source keep (V7, V21; docs/database.md),
 * and listens for their changes, so feed
 * caches on every instance learn at once that a scope changed without querying items.
 */
@Repository
public class FeedVersionRepository {

    static final String CHANNEL = "feed_version";

    /** What {@link #watchChanges()} emits first after each (re)connect: changes may have been missed meanwhile. */
    public static final String CONNECTED = "(connected)";

    private static final String FIND_ALL = """
            SELECT s.id, s.tags, COALESCE(v.version, 0) AS version
            FROM source s LEFT JOIN feed_version v ON v.source_id = s.id""";

    private final DatabaseClient db;
    private final ConnectionFactory connections;

    public FeedVersionRepository(DatabaseClient db, ConnectionFactory connections) {
        this.db = db;
        this.connections = connections;
    }

    /** Every source with its current version: a few hundred rows, read in well under a millisecond. */
    public Mono<List<SourceVersion>> findAll() {
        return db.sql(FIND_ALL)
                .map(row -> {
                    String[] tags = row.get("tags", String[].class);
                    return new SourceVersion(
                            row.get("id", String.class),
                            tags == null ? List.of() : List.of(tags),
                            row.get("version", Long.class));
                })
                .all()
                .collectList();
    }

    /**
     * {@link #CONNECTED} once listening, then one signal per committed change notification, on a connection of its
     * own (a pooled one would be held forever). Ends with an error when that connection is lost; callers
     * resubscribe, and re-read the versions on the {@link #CONNECTED} that follows.
     */
    public Flux<String> watchChanges() {
        return Flux.usingWhen(
                Mono.from(unpooled().create()),
                connection -> {
                    PostgresqlConnection pg = (PostgresqlConnection) connection;
                    return pg.createStatement("LISTEN " + CHANNEL)
                            .execute()
                            .flatMap(result -> result.getRowsUpdated())
                            .thenMany(Flux.just(CONNECTED)
                                    .concatWith(pg.getNotifications().map(notification -> notification.getName())));
                },
                Connection::close);
    }

    // The pool wraps the PostgreSQL factory; LISTEN needs the driver's own connection type.
    private ConnectionFactory unpooled() {
        ConnectionFactory factory = connections;
        while (factory instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner) {
            factory = inner;
        }
        return factory;
    }
}
