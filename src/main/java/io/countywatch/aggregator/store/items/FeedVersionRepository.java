package io.countywatch.aggregator.store.items;

import io.countywatch.aggregator.db.ChannelSignal;
import io.countywatch.aggregator.db.PgNotifications;
import io.countywatch.aggregator.db.ReadDatabase;
import io.r2dbc.spi.Readable;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the per-source feed versions that the commit triggers of item and source keep (V7, V21; docs/database.md),
 * and listens for their changes (on the instance's one LISTEN connection), so
 * feed caches on every instance learn at once that a scope changed without querying items. The versions that
 * validate caches come from the primary, which the notifications come from; with a replica, a rendering from it is
 * stored under the versions the replica held before its items were read ({@link #findScopeOnReplica}).
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
    private final ReadDatabase reads;
    private final PgNotifications notifications;

    public FeedVersionRepository(DatabaseClient db, ReadDatabase reads, PgNotifications notifications) {
        this.db = db;
        this.reads = reads;
        this.notifications = notifications;
    }

    /** Every source with its current version: a few hundred rows, read in well under a millisecond. */
    public Mono<List<SourceVersion>> findAll() {
        return db.sql(FIND_ALL).map(FeedVersionRepository::version).all().collectList();
    }

    /** True when feeds are read from a replica, which may be behind the versions {@link #findAll} gives. */
    public boolean readsLag() {
        return reads.lags();
    }

    /**
     * The versions of one scope's sources (one source, one tag's, or all when both are null) as the replica holds
     * them now. Read before a feed's items from the replica, they are never newer than those items, since a
     * replica only moves forward.
     */
    public Mono<List<SourceVersion>> findScopeOnReplica(String sourceId, String tag) {
        String key = sourceId != null ? sourceId : tag;
        String where = sourceId != null
                ? " WHERE s.id = :key"
                : tag != null ? " WHERE s.tags @> ARRAY[CAST(:key AS text)]" : "";
        DatabaseClient.GenericExecuteSpec sql = reads.client().sql(FIND_ALL + where);
        return (key == null ? sql : sql.bind("key", key))
                .map(FeedVersionRepository::version)
                .all()
                .collectList();
    }

    private static SourceVersion version(Readable row) {
        String[] tags = row.get("tags", String[].class);
        return new SourceVersion(
                row.get("id", String.class), tags == null ? List.of() : List.of(tags), row.get("version", Long.class));
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
