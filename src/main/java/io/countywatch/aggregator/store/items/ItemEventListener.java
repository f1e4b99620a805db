package io.countywatch.aggregator.store.items;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * PostgreSQL {@code LISTEN item_events} on a connection of its own (outside the pool, which would hand it to
 * others). Every instance on the database hears every event, which is how an item stored by one instance
 * reaches the stream clients of another.
 */
@Component
public class ItemEventListener {

    /** Emitted after each (re)connect: events may have been missed while the connection was down. */
    public static final long CONNECTED = -1;

    private static final Logger log = LoggerFactory.getLogger(ItemEventListener.class);
    private static final String LISTEN = "LISTEN item_events";

    private final ConnectionFactory connections;

    public ItemEventListener(ConnectionPool pool) {
        this.connections = pool.unwrap();
    }

    /**
     * Event ids as they are notified, with {@link #CONNECTED} first after every (re)connect. Never completes: a
     * dropped connection (say, a database restart) is opened again after {@code retryDelay}, growing to a minute.
     *
     * @param ping how often the connection is checked; a dead TCP peer would otherwise go unnoticed
     */
    public Flux<Long> watchEventIds(Duration retryDelay, Duration ping) {
        return Flux.usingWhen(Mono.from(connections.create()), c -> listen(c, ping), Connection::close)
                .concatWith(Mono.error(() -> new IllegalStateException("LISTEN connection closed")))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, retryDelay)
                        .maxBackoff(Duration.ofMinutes(1))
                        .transientErrors(true)
                        .doBeforeRetry(s -> log.warn(
                                "LISTEN item_events lost ({}); reconnecting",
                                s.failure().getMessage())));
    }

    private Flux<Long> listen(Connection connection, Duration ping) {
        if (!(connection instanceof PostgresqlConnection pg)) {
            return Flux.error(new IllegalStateException("LISTEN needs r2dbc-postgresql, got " + connection));
        }
        Flux<Long> notified = pg.getNotifications()
                .map(n -> n.getParameter())
                .filter(p -> p != null && !p.isEmpty())
                .map(Long::valueOf);
        // Repeating LISTEN is harmless and proves the connection is alive.
        Flux<Long> pings = Flux.interval(ping)
                .onBackpressureDrop()
                .concatMap(tick -> execute(pg).timeout(ping.plusSeconds(5)))
                .thenMany(Flux.empty());
        return execute(pg)
                .doOnSuccess(ok -> log.info("Listening for item events"))
                .thenMany(Flux.just(CONNECTED).concatWith(Flux.merge(notified, pings)));
    }

    private static Mono<Void> execute(PostgresqlConnection pg) {
        return pg.createStatement(LISTEN)
                .execute()
                .flatMap(r -> r.getRowsUpdated())
                .then();
    }
}
