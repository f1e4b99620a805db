package io.countywatch.aggregator.db;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The instance's one PostgreSQL {@code LISTEN} connection, shared by every channel it listens on (item events for
 * the stream, feed versions for the feed cache). It lives outside the pool, which would hand it to others, opens
 * when the first channel is watched, and is opened again with backoff whenever it drops.
 */
public class PgNotifications {

    /** What {@code pg_stat_activity.application_name} shows for this connection. */
    public static final String APPLICATION_NAME = "county-watch listen";

    private static final Logger log = LoggerFactory.getLogger(PgNotifications.class);
    private static final Duration MAX_RETRY = Duration.ofMinutes(1);

    private final ConnectionFactory connections;
    private final Duration retry;
    private final Duration ping;
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private final Flux<ChannelSignal> shared;
    private volatile PostgresqlConnection current;
    private volatile boolean listening;

    /**
     * @param retry first delay before a dropped connection is opened again; it grows to a minute
     * @param ping how often the connection is checked
     */
    public PgNotifications(ConnectionPool pool, Duration retry, Duration ping) {
        this.connections = unwrapped(pool);
        this.retry = retry;
        this.ping = ping;
        this.shared = connectForever().publish().refCount();
    }

    /**
     * {@link ChannelSignal.Listening} once this channel is listened to (and again after each reconnect, as
     * notifications sent meanwhile are lost), and every notification on it. Never completes; the connection closes
     * when no channel is watched any more.
     */
    public Flux<ChannelSignal> watch(String channel) {
        // Subscribed in this order: the shared flow first, so that the Listening that register emits comes after
        // this subscriber can hear every notification; a re-read it triggers therefore misses nothing.
        Flux<ChannelSignal> heard = shared.filter(signal -> signal instanceof ChannelSignal.Listening
                || (signal instanceof ChannelSignal.Notified n && n.channel().equals(channel)));
        return Flux.merge(heard, register(channel));
    }

    // A channel watched while the connection is up is listened to on it now; one added while it (re)connects is
    // in the set that the connection listens to once it is set as current (both may happen: LISTEN is idempotent).
    private Mono<ChannelSignal> register(String channel) {
        return Mono.defer(() -> {
            channels.add(channel);
            PostgresqlConnection connection = current;
            if (connection == null || !listening) {
                return Mono.empty();
            }
            return listen(connection, channel)
                    .thenReturn((ChannelSignal) new ChannelSignal.Listening())
                    // that connection is going: the next one listens to this channel and says Listening
                    .onErrorResume(e -> Mono.empty());
        });
    }

    private Flux<ChannelSignal> connectForever() {
        return Flux.usingWhen(Mono.from(connections.create()), this::session, this::closed)
                .concatWith(Flux.error(() -> new IllegalStateException("LISTEN connection closed")))
                .doOnError(e -> listening = false)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, retry)
                        .maxBackoff(MAX_RETRY)
                        // a reconnect that held starts the backoff from the first delay again for the next loss
                        .transientErrors(true)
                        .doBeforeRetry(s -> log.warn(
                                "LISTEN connection lost ({}); reconnecting",
                                s.failure().toString())));
    }

    private Flux<ChannelSignal> session(Connection connection) {
        if (!(connection instanceof PostgresqlConnection pg)) {
            return Flux.error(new IllegalStateException("LISTEN needs r2dbc-postgresql, got " + connection));
        }
        current = pg;
        Flux<ChannelSignal> notified = pg.getNotifications()
                .map(n -> new ChannelSignal.Notified(n.getName(), n.getParameter() == null ? "" : n.getParameter()));
        Mono<ChannelSignal> connected = execute(pg, "SET application_name = '" + APPLICATION_NAME + "'")
                .then(listenAll(pg))
                .doOnSuccess(ok -> {
                    listening = true;
                    log.info("Listening on {}", channels);
                })
                .thenReturn(new ChannelSignal.Listening());
        // Repeating LISTEN is harmless and proves the connection is alive: a dead TCP peer would go unnoticed.
        Flux<ChannelSignal> pings = Flux.interval(ping)
                .onBackpressureDrop()
                .concatMap(tick -> listenAll(pg).timeout(ping.plusSeconds(5)))
                .thenMany(Flux.empty());
        // notifications subscribed first: none sent after LISTEN is lost before the flow hears it
        return Flux.merge(notified, connected, pings);
    }

    private Mono<Void> closed(Connection connection) {
        listening = false;
        current = null;
        return Mono.from(connection.close());
    }

    private Mono<Void> listenAll(PostgresqlConnection pg) {
        return Flux.fromIterable(Set.copyOf(channels))
                .concatMap(channel -> listen(pg, channel))
                .then();
    }

    private static Mono<Void> listen(PostgresqlConnection pg, String channel) {
        if (!channel.matches("[a-z_][a-z0-9_]*")) {
            return Mono.error(new IllegalArgumentException("not a channel name: " + channel));
        }
        return execute(pg, "LISTEN " + channel);
    }

    private static Mono<Void> execute(PostgresqlConnection pg, String sql) {
        return pg.createStatement(sql)
                .execute()
                .flatMap(r -> r.getRowsUpdated())
                .then();
    }

    // The pool wraps the driver's factory (perhaps more than once); LISTEN needs the driver's own connection type.
    private static ConnectionFactory unwrapped(ConnectionFactory factory) {
        while (factory instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner) {
            factory = inner;
        }
        return factory;
    }
}
