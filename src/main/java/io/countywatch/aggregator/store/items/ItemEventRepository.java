package io.countywatch.aggregator.store.items;

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

    public ItemEventRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The newest event id, or 0 when nothing has happened yet. */
    public Mono<Long> findHeadId() {
        return db.sql("SELECT coalesce(max(id), 0) AS head FROM item_event")
                .map(row -> row.get("head", Long.class))
                .one();
    }

    /** What came after {@code afterId}: how much, and since when. */
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
        return db.sql(EVENTS_AFTER)
                .bind("after", afterId)
                .bind("limit", limit)
                .map(row -> new EventRow(
                        row.get("id", Long.class), row.get("item_seq", Long.class), row.get("kind", String.class)))
                .all()
                .collectList()
                .flatMapMany(this::withItems);
    }

    private record EventRow(long id, long itemSeq, String kind) {}

    // Two queries rather than one join: the item columns and their mapping stay those of the item API.
    private Flux<ItemEvent> withItems(List<EventRow> events) {
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
