package io.countywatch.aggregator.store.items;

import io.countywatch.aggregator.db.ChannelSignal;
import io.countywatch.aggregator.db.PgNotifications;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the per-source feed versions that the commit triggers of item and source keep (V7, V21; docs/database.md),
 * and listens for their changes (on the instance's one LISTEN connection), so
 * feed caches on every instance learn at once that a scope changed without querying items.
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
    private final PgNotifications notifications;

    public FeedVersionRepository(DatabaseClient db, PgNotifications notifications) {
        this.db = db;
        this.notifications = notifications;
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
     * {@link #CONNECTED} once listening (and again after each reconnect: changes may have been missed meanwhile;
     * callers re-read the versions then), then one signal per committed change notification. Never completes.
     */
    public Flux<String> watchChanges() {
        return notifications
                .watch(CHANNEL)
                .map(signal -> signal instanceof ChannelSignal.Notified notified ? notified.channel() : CONNECTED);
    }
}
