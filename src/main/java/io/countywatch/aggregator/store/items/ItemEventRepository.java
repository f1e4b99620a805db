package io.countywatch.aggregator.store.items;

import io.countywatch.aggregator.db.ReadDatabase;
import io.countywatch.aggregator.item.ItemView;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the item event log, written only by the commit trigger {@code item_changed_at_commit} (V7, its lock V20):
 * event ids commit in id order, so "events after id n" never skips one that commits later (docs/database.md).
 * Live events and the replay's bounds come from the primary, which LISTEN hears; the replay's bulk from the
 * {@link ReadDatabase}, a replica when one is configured.
 */
@Repository
public class ItemEventRepository {

    private static final String EVENTS_AFTER =
            "SELECT id, item_seq, kind FROM item_event WHERE id > :after ORDER BY id LIMIT :limit";

    private static final String GAP = """
            SELECT count(*) AS missed, min(created_at) AS oldest,
                   (SELECT min(id) FROM item_event) AS first_id,
                   (SELECT coalesce(max(id), 0) FROM item_event) AS head_id
            FROM item_event WHERE id > :after""";

    private final DatabaseClient db;
    private final ReadDatabase reads;

    public ItemEventRepository(DatabaseClient db, ReadDatabase reads) {
        this.db = db;
        this.reads = reads;
    }

    /** The newest event id, or 0 when nothing has happened yet. */
    public Mono<Long> findHeadId() {
        return db.sql("SELECT coalesce(max(id), 0) AS head FROM item_event")
                .map(row -> row.get("head", Long.class))
                .one();
    }

    /**
     * What came after {@code afterId}: how much, and since when. From the primary: a lagging head would take a
     * client's id, seen live, for one from another log and send it a reset.
     */
    public Mono<ReplayGap> findGap(long afterId) {
        return db.sql(GAP).bind("after", afterId).map(ItemEventRepository::gap).one();
    }

    private static ReplayGap gap(Readable row) {
        OffsetDateTime oldest = row.get("oldest", OffsetDateTime.class);
        return new ReplayGap(
                row.get("missed", Long.class),
                oldest == null ? null : oldest.toInstant(),
                row.get("first_id", Long.class),
                row.get("head_id", Long.class));
    }

    /** Up to {@code limit} events after {@code afterId}, oldest first, each with its item as it is now. */
    public Flux<ItemEvent> findAfter(long afterId, int limit) {
        return findAfter(db, afterId, limit);
    }

    /**
     * The same for a client's replay, read from the replica when there is one. A replica may lack the newest
     * events, which the client's live feed (registered before the replay, fed from the primary) does not hold
     * either; so a page the replica leaves short is completed from the primary, and a replay still reaches
     * everything committed before it began, as without a replica.
     */
    public Flux<ItemEvent> findReplay(long afterId, int limit) {
        if (!reads.lags()) {
            return findAfter(afterId, limit);
        }
        return findAfter(reads.client(), afterId, limit).collectList().flatMapMany(replayed -> {
            if (replayed.size() >= limit) {
                return Flux.fromIterable(replayed);
            }
            long last = replayed.isEmpty()
                    ? afterId
                    : replayed.get(replayed.size() - 1).id();
            return Flux.concat(Flux.fromIterable(replayed), findAfter(db, last, limit - replayed.size()));
        });
    }

    private Flux<ItemEvent> findAfter(DatabaseClient from, long afterId, int limit) {
        return from.sql(EVENTS_AFTER)
                .bind("after", afterId)
                .bind("limit", limit)
                .map(row -> new EventRow(
                        row.get("id", Long.class), row.get("item_seq", Long.class), row.get("kind", String.class)))
                .all()
                .collectList()
                .flatMapMany(events -> withItems(from, events));
    }

    private record EventRow(long id, long itemSeq, String kind) {}

    // Two queries rather than one join: the item columns and their mapping stay those of the item API.
    private static Flux<ItemEvent> withItems(DatabaseClient db, List<EventRow> events) {
        if (events.isEmpty()) {
            return Flux.empty();
        }
        Long[] seqs = events.stream().map(EventRow::itemSeq).distinct().toArray(Long[]::new);
        return db.sql(ItemSql.SELECT + " AND i.seq = ANY(:seqs)")
                .bind("seqs", seqs)
                .map(ItemRepository::row)
                .all()
                .collectList()
                // the same alsoAt as the API, so an `update` for a grown alsoAt shows the new places
                .flatMap(rows -> ItemRepository.alsoAt(db, rows).map(places -> {
                    Map<Long, ItemView> views = new HashMap<>();
                    rows.forEach(r -> views.put(
                            r.seq(),
                            ItemRepository.withAlsoAt(
                                    r.view(), places.getOrDefault(r.seq(), ItemRepository.Places.NONE))));
                    return views;
                }))
                .flatMapIterable(items -> events.stream()
                        .filter(e -> items.containsKey(e.itemSeq()))
                        .map(e -> new ItemEvent(e.id(), ItemEvent.Kind.of(e.kind()), items.get(e.itemSeq())))
                        .toList());
    }

    /** Deletes events written before {@code cutoff}; they are beyond any replay window. */
    public Mono<Long> deleteBefore(Instant cutoff) {
        return db.sql("DELETE FROM item_event WHERE created_at < :cutoff")
                .bind("cutoff", cutoff)
                .fetch()
                .rowsUpdated();
    }
}
