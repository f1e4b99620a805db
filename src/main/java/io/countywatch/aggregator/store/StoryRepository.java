package io.countywatch.aggregator.store;

import io.countywatch.aggregator.item.DateOrigin;
import io.countywatch.aggregator.item.ExtractedItem;
import io.countywatch.aggregator.item.KnownItem;
import io.countywatch.aggregator.item.TextPrint;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Stores items one story at a time: in one transaction it takes advisory locks on the item's print keys, reads
 * the neighbours, lets the caller decide ({@link Placement}), and inserts, updates in place, or records another
 * place. The locks make two pollers storing the same story at once end with one item. Every change of an item
 * is an INSERT or an UPDATE of its row, which is what change events listen to.
 */
@Repository
public class StoryRepository {

    // synchronous_commit off for this transaction only: PostgreSQL flushes WAL in order, so once the poll's
    // source state commits (synchronously) every item before it is durable too; a crash before that loses
    // nothing the next poll would not find again. It saves a disk flush per item.
    private static final String LOCK = """
            SELECT set_config('synchronous_commit', 'off', true) AS sync, count(pg_advisory_xact_lock(k)) AS locked
            FROM (SELECT DISTINCT unnest(CAST(:keys AS bigint[])) AS k ORDER BY k) keys""";

    // The band rows go in with the item, in one round trip.
    private static final String INSERT = """
            WITH inserted AS (
            INSERT INTO item (source_id, guid, url, title, summary, content, published_at, date_origin,
                              date_has_time, fetched_at, updated_at, content_hash, text_fp, title_key, simhash,
                              body_length, title_length, published_day, title_periods, body_periods)
            VALUES (:source, :guid, :url, :title, :summary, :content, :published, :origin,
                    :hasTime, :fetched, :fetched, :hash, :fp, :tk, :simhash,
                    :bodyLength, :titleLength, :day, :titlePeriods, :bodyPeriods)
            ON CONFLICT DO NOTHING
            RETURNING seq),
            banded AS (
            INSERT INTO item_band (band_key, item_seq)
            SELECT DISTINCT unnest(CAST(:bands AS bigint[])), seq FROM inserted ON CONFLICT DO NOTHING)
            SELECT seq FROM inserted""";

    private static final String UPDATE = """
            UPDATE item SET title = :title, summary = :summary, content = :content, content_hash = :hash,
                            updated_at = :fetched, revision = revision + 1, text_fp = :fp, title_key = :tk,
                            simhash = :simhash, body_length = :bodyLength, title_length = :titleLength,
                            title_periods = :titlePeriods, body_periods = :bodyPeriods
            WHERE seq = :seq AND content_hash <> :hash
            RETURNING revision""";

    private static final String BANDS = """
            INSERT INTO item_band (band_key, item_seq)
            SELECT DISTINCT unnest(CAST(:bands AS bigint[])), CAST(:seq AS bigint) ON CONFLICT DO NOTHING""";

    private static final String ALSO_AT = """
            INSERT INTO item_also_at (item_seq, source_id, url, found_at) VALUES (:seq, :source, :url, :found)
            ON CONFLICT DO NOTHING RETURNING id""";

    private static final String TOUCH = "UPDATE item SET updated_at = :found, revision = revision + 1 WHERE seq = :seq";

    private final DatabaseClient db;
    private final TransactionalOperator transaction;

    public StoryRepository(DatabaseClient db, ConnectionFactory connections) {
        this.db = db;
        this.transaction = TransactionalOperator.create(new R2dbcTransactionManager(connections));
    }

    /** Stored items that may be the same story as this one (read only, as the preview needs). */
    public Mono<List<KnownItem>> findNeighbours(String sourceId, ExtractedItem item, TextPrint print) {
        return NeighbourQuery.find(db, sourceId, item.url(), item.guid(), print);
    }

    /** Stores one item with its print; {@code decide} picks the placement from the neighbours, under the locks. */
    public Mono<StoreOutcome> store(NewItem newItem, TextPrint print, Function<List<KnownItem>, Placement> decide) {
        return storeAll(List.of(newItem), List.of(print), (index, neighbours) -> decide.apply(neighbours))
                .map(outcomes -> outcomes.get(0));
    }

    /**
     * Stores a batch of items (say, one poll's) in one transaction: all their lock keys are taken at once, in
     * order, the neighbours of all items are read in one query, then each item is decided ({@code decide} gets
     * its index and neighbours, including the batch's earlier inserts) and written in turn. Keep batches small (a few dozen): every key is
     * an advisory lock held to the end of the transaction.
     */
    public Mono<List<StoreOutcome>> storeAll(
            List<NewItem> newItems, List<TextPrint> prints, BiFunction<Integer, List<KnownItem>, Placement> decide) {
        if (newItems.isEmpty()) {
            return Mono.just(List.of());
        }
        Long[] keys = IntStream.range(0, newItems.size())
                .mapToObj(i -> NeighbourQuery.lockKeys(
                        newItems.get(i).sourceId(), newItems.get(i).item().url(), newItems.get(i).item().guid(), prints.get(i)))
                .flatMap(Arrays::stream)
                .distinct()
                .sorted()
                .toArray(Long[]::new);
        Mono<List<StoreOutcome>> work = db.sql(LOCK)
                .bind("keys", keys)
                .fetch()
                .rowsUpdated()
                .then(NeighbourQuery.findAll(
                        db,
                        newItems.stream().map(NewItem::sourceId).toList(),
                        newItems.stream().map(n -> n.item().url()).toList(),
                        newItems.stream().map(n -> n.item().guid()).toList(),
                        prints))
                .flatMap(found -> placeAll(newItems, prints, decide, found));
        return transaction.transactional(work);
    }

    // Decides and writes item by item, so that a later item of the batch also sees the ones inserted before it.
    private Mono<List<StoreOutcome>> placeAll(List<NewItem> newItems, List<TextPrint> prints,
            BiFunction<Integer, List<KnownItem>, Placement> decide, List<NeighbourQuery.Found> found) {
        List<List<KnownItem>> byIndex = new ArrayList<>();
        newItems.forEach(n -> byIndex.add(new ArrayList<>()));
        Map<Long, String> hashes = new HashMap<>();
        for (NeighbourQuery.Found f : found) {
            byIndex.get(f.index()).add(f.known());
            hashes.put(f.known().seq(), f.contentHash());
        }
        List<KnownItem> inserted = new ArrayList<>();
        return Flux.range(0, newItems.size())
                .concatMap(i -> {
                    NewItem newItem = newItems.get(i);
                    List<KnownItem> neighbours = new ArrayList<>(byIndex.get(i));
                    neighbours.addAll(inserted);
                    Placement placement = decide.apply(i, neighbours);
                    return place(placement, newItem, prints.get(i), neighbours, hashes).doOnNext(outcome -> {
                        if (outcome instanceof StoreOutcome.Inserted ins) {
                            inserted.add(new KnownItem(ins.seq(), "", newItem.sourceId(), newItem.item().url(),
                                    newItem.item().guid(), false, prints.get(i)));
                        }
                    });
                })
                .collectList();
    }

    private Mono<StoreOutcome> place(Placement placement, NewItem newItem, TextPrint print, List<KnownItem> neighbours,
            Map<Long, String> hashes) {
        if (placement instanceof Placement.Refresh refresh) {
            // the stored hash came with the neighbours: an unchanged item costs no statement
            if (ItemRepository.contentHash(newItem.item()).equals(hashes.get(refresh.seq()))) {
                return Mono.just(new StoreOutcome.Unchanged(refresh.seq()));
            }
            return refresh(refresh.seq(), newItem, print);
        }
        if (placement instanceof Placement.AlsoAt alsoAt) {
            boolean known = neighbours.stream().anyMatch(k -> k.alsoAt() && k.seq() == alsoAt.seq()
                    && k.sourceId().equals(newItem.sourceId()) && k.url().equals(newItem.item().url()));
            return known ? Mono.just(new StoreOutcome.Unchanged(alsoAt.seq())) : alsoAt(alsoAt.seq(), newItem);
        }
        return insert(newItem, print);
    }

    private Mono<StoreOutcome> insert(NewItem newItem, TextPrint print) {
        ExtractedItem item = newItem.item();
        Instant published = item.publishedAt() == null ? newItem.fetchedAt() : item.publishedAt().toInstant();
        GenericExecuteSpec spec = printed(db.sql(INSERT), print)
                .bind("source", newItem.sourceId())
                .bind("url", item.url())
                .bind("title", item.title())
                .bind("published", published)
                .bind("origin", (item.publishedAt() == null ? DateOrigin.FETCHED : newItem.origin()).dbValue())
                .bind("hasTime", item.publishedAt() == null || item.dateHasTime())
                .bind("fetched", newItem.fetchedAt())
                .bind("hash", ItemRepository.contentHash(item));
        spec = Binds.nullable(spec, "day", print.day(), Integer.class).bind("bands", print.bandKeys().toArray(Long[]::new));
        spec = Binds.nullable(spec, "guid", item.guid(), String.class);
        spec = Binds.nullable(spec, "summary", item.summary(), String.class);
        spec = Binds.nullable(spec, "content", item.content(), String.class);
        return spec.map(row -> row.get("seq", Long.class))
                .one()
                .map(seq -> (StoreOutcome) new StoreOutcome.Inserted(seq))
                // the locks cover the item's URL and GUID, so a clash here means a neighbour was missed
                .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                        "item " + item.url() + " of " + newItem.sourceId() + " clashed with a stored item")));
    }

    private Mono<StoreOutcome> refresh(long seq, NewItem newItem, TextPrint print) {
        ExtractedItem item = newItem.item();
        GenericExecuteSpec spec = printed(db.sql(UPDATE), print)
                .bind("seq", seq)
                .bind("title", item.title())
                .bind("hash", ItemRepository.contentHash(item))
                .bind("fetched", newItem.fetchedAt());
        spec = Binds.nullable(spec, "summary", item.summary(), String.class);
        spec = Binds.nullable(spec, "content", item.content(), String.class);
        return spec.map(row -> row.get("revision", Integer.class))
                .one()
                .flatMap(revision -> db.sql("DELETE FROM item_band WHERE item_seq = :seq")
                        .bind("seq", seq)
                        .fetch()
                        .rowsUpdated()
                        .then(bands(seq, print))
                        .thenReturn((StoreOutcome) new StoreOutcome.Updated(seq, revision)))
                .defaultIfEmpty(new StoreOutcome.Unchanged(seq));
    }

    private Mono<StoreOutcome> alsoAt(long seq, NewItem newItem) {
        return db.sql(ALSO_AT)
                .bind("seq", seq)
                .bind("source", newItem.sourceId())
                .bind("url", newItem.item().url())
                .bind("found", newItem.fetchedAt())
                .map(row -> row.get("id", Long.class))
                .one()
                .flatMap(id -> db.sql(TOUCH)
                        .bind("seq", seq)
                        .bind("found", newItem.fetchedAt())
                        .fetch()
                        .rowsUpdated()
                        .thenReturn((StoreOutcome) new StoreOutcome.Merged(seq)))
                .defaultIfEmpty(new StoreOutcome.Unchanged(seq));
    }

    private Mono<Void> bands(long seq, TextPrint print) {
        if (print.bandKeys().isEmpty()) {
            return Mono.empty();
        }
        return db.sql(BANDS)
                .bind("bands", print.bandKeys().toArray(Long[]::new))
                .bind("seq", seq)
                .fetch()
                .rowsUpdated()
                .then();
    }

    private static GenericExecuteSpec printed(GenericExecuteSpec spec, TextPrint print) {
        return spec.bind("fp", print.fingerprint())
                .bind("tk", print.titleKey())
                .bind("simhash", print.simhash())
                .bind("bodyLength", print.bodyLength())
                .bind("titleLength", print.titleLength())
                .bind("titlePeriods", print.titlePeriods())
                .bind("bodyPeriods", print.bodyPeriods());
    }
}
