package io.countywatch.aggregator.store.items;

import io.countywatch.aggregator.item.ExtractedItem;
import io.countywatch.aggregator.item.KnownItem;
import io.countywatch.aggregator.item.TextPrint;
import io.countywatch.aggregator.store.Binds;
import io.r2dbc.spi.ConnectionFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
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
    // enable_seqscan off for this transaction too: every lookup here has its index, and a table the planner last
    // saw empty (item_also_at on a new database) would otherwise be scanned whole for each item of each batch
    // until autoanalyze catches up; the benchmark saw 38 pages read per item that way.
    private static final String LOCK = """
            SELECT set_config('synchronous_commit', 'off', true) AS sync, set_config('enable_seqscan', 'off', true) AS scans,
                   count(pg_advisory_xact_lock(k)) AS locked
            FROM (SELECT DISTINCT unnest(CAST(:keys AS bigint[])) AS k ORDER BY k) keys""";

    private static final String UPDATE = """
            UPDATE item SET title = :title, summary = :summary, content = :content, content_hash = :hash,
                            updated_at = :fetched, revision = revision + 1, text_fp = :fp, title_key = :tk,
                            simhash = :simhash, body_length = :bodyLength, title_length = :titleLength,
                            title_periods = :titlePeriods, body_periods = :bodyPeriods, bigrams = :bigrams,
                            band_keys = CAST(:bands AS bigint[])
            WHERE seq = :seq AND content_hash <> :hash
            RETURNING revision""";

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
                        newItems.get(i).sourceId(),
                        newItems.get(i).item().url(),
                        newItems.get(i).item().guid(),
                        prints.get(i)))
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

    // Decides every item first (BatchPlan), then writes by kind: new rows, in-place updates, other places.
    private Mono<List<StoreOutcome>> placeAll(
            List<NewItem> newItems,
            List<TextPrint> prints,
            BiFunction<Integer, List<KnownItem>, Placement> decide,
            List<NeighbourQuery.Found> found) {
        BatchPlan plan = BatchPlan.decide(newItems, prints, decide, found);
        return BatchWrites.allocate(db, plan.inserts()).flatMap(seqs -> write(plan, newItems, prints, seqs));
    }

    private Mono<List<StoreOutcome>> write(
            BatchPlan plan, List<NewItem> newItems, List<TextPrint> prints, List<Long> seqs) {
        List<NewItem> inserts = new ArrayList<>();
        List<TextPrint> insertPrints = new ArrayList<>();
        List<String> insertHashes = new ArrayList<>();
        List<BatchWrites.Place> places = new ArrayList<>();
        List<Integer> refreshes = new ArrayList<>();
        for (int i = 0; i < newItems.size(); i++) {
            BatchPlan.Action action = plan.actions().get(i);
            if (action instanceof BatchPlan.Insert) {
                inserts.add(newItems.get(i));
                insertPrints.add(prints.get(i));
                insertHashes.add(plan.hashes().get(i));
            } else if (action instanceof BatchPlan.AlsoAt alsoAt) {
                places.add(new BatchWrites.Place(
                        BatchPlan.resolve(alsoAt.ref(), seqs),
                        newItems.get(i).sourceId(),
                        newItems.get(i).item().url(),
                        newItems.get(i).fetchedAt()));
            } else if (action instanceof BatchPlan.Refresh) {
                refreshes.add(i);
            }
        }
        StoreOutcome[] outcomes = new StoreOutcome[newItems.size()];
        Mono<Void> inserted = BatchWrites.insert(db, inserts, insertPrints, insertHashes, seqs)
                .flatMap(rows -> {
                    if (rows.size() < inserts.size()) {
                        // the locks cover every item's URL and GUID, so a clash here means a neighbour was missed
                        return Mono.error(new IllegalStateException(
                                (inserts.size() - rows.size()) + " new items clashed with stored items, e.g. "
                                        + inserts.get(0).item().url()));
                    }
                    return Mono.empty();
                });
        Mono<Void> refreshed = Flux.fromIterable(refreshes)
                .concatMap(i -> {
                    long seq = BatchPlan.resolve(
                            ((BatchPlan.Refresh) plan.actions().get(i)).ref(), seqs);
                    return refresh(
                                    seq,
                                    newItems.get(i),
                                    prints.get(i),
                                    plan.hashes().get(i))
                            .doOnNext(outcome -> outcomes[i] = outcome);
                })
                .then();
        Mono<Set<String>> merged = BatchWrites.alsoAt(db, places);
        return inserted.then(refreshed).then(merged).map(newPlaces -> {
            for (int i = 0; i < outcomes.length; i++) {
                outcomes[i] = outcome(plan.actions().get(i), outcomes[i], newItems.get(i), seqs, newPlaces);
            }
            return List.of(outcomes);
        });
    }

    private static StoreOutcome outcome(
            BatchPlan.Action action, StoreOutcome refreshed, NewItem newItem, List<Long> seqs, Set<String> newPlaces) {
        if (action instanceof BatchPlan.Insert insert) {
            return new StoreOutcome.Inserted(seqs.get(insert.slot()));
        }
        if (action instanceof BatchPlan.Refresh) {
            return refreshed;
        }
        if (action instanceof BatchPlan.AlsoAt alsoAt) {
            long seq = BatchPlan.resolve(alsoAt.ref(), seqs);
            return newPlaces.contains(BatchWrites.placeKey(
                            newItem.sourceId(), newItem.item().url()))
                    ? new StoreOutcome.Merged(seq)
                    : new StoreOutcome.Unchanged(seq);
        }
        return new StoreOutcome.Unchanged(BatchPlan.resolve(((BatchPlan.Unchanged) action).ref(), seqs));
    }

    private Mono<StoreOutcome> refresh(long seq, NewItem newItem, TextPrint print, String hash) {
        ExtractedItem item = newItem.item();
        GenericExecuteSpec spec = printed(db.sql(UPDATE), print)
                .bind("seq", seq)
                .bind("title", item.title())
                .bind("hash", hash)
                .bind("fetched", newItem.fetchedAt())
                .bind("bigrams", Bigrams.ofItem(item.title(), item.summary()));
        // a short body has no bands: NULL, which the band index leaves out
        spec = Binds.nullable(
                spec,
                "bands",
                print.bandKeys().isEmpty() ? null : print.bandKeys().toArray(Long[]::new),
                Long[].class);
        spec = Binds.nullable(spec, "summary", item.summary(), String.class);
        spec = Binds.nullable(spec, "content", item.content(), String.class);
        return spec.map(row -> row.get("revision", Integer.class))
                .one()
                .map(revision -> (StoreOutcome) new StoreOutcome.Updated(seq, revision))
                .defaultIfEmpty(new StoreOutcome.Unchanged(seq));
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
