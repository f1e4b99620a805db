package io.countywatch.aggregator.store.items;

import io.countywatch.aggregator.dedupe.Candidate;
import io.countywatch.aggregator.dedupe.Decision;
import io.countywatch.aggregator.dedupe.DedupePlanner;
import io.r2dbc.spi.ConnectionFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Stores a batch of items (say, one poll's) in one transaction: it takes advisory locks on all their keys at once,
 * in order ({@link NeighbourQuery#lockKeys}), reads the neighbours of all of them in one query, lets the
 * {@link DedupePlanner} decide every item, and applies the decisions by kind: new rows, in-place updates, new
 * places. The locks make two pollers storing copies of one story at once end with one item. Every change of an
 * item is an INSERT or an UPDATE of its row, which is what change events listen to. Keep batches small (a few
 * dozen): every key is an advisory lock held to the end of the transaction.
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

    private final DatabaseClient db;
    private final TransactionalOperator transaction;

    public StoryRepository(DatabaseClient db, ConnectionFactory connections) {
        this.db = db;
        this.transaction = TransactionalOperator.create(new R2dbcTransactionManager(connections));
    }

    /**
     * What {@link #storeAll} would decide for these items now, without locking or writing (the preview).
     *
     * @param itemIds the public id of every stored row a decision may name
     */
    public record Plan(List<Decision> decisions, java.util.Map<Long, String> itemIds) {}

    /** The decisions {@link #storeAll} would apply to these items now, from the same lookup and planner. */
    public Mono<Plan> plan(List<NewItem> newItems) {
        List<Candidate> candidates = candidates(newItems);
        return NeighbourQuery.findAll(db, candidates).map(found -> {
            java.util.Map<Long, String> ids = new java.util.HashMap<>();
            found.forEach(list -> list.forEach(n -> ids.put(n.seq(), n.id())));
            return new Plan(DedupePlanner.plan(candidates, found), ids);
        });
    }

    /** Stores the items; what happened to each, in item order. */
    public Mono<List<StoreOutcome>> storeAll(List<NewItem> newItems) {
        if (newItems.isEmpty()) {
            return Mono.just(List.of());
        }
        List<Candidate> candidates = candidates(newItems);
        Long[] keys = candidates.stream()
                .flatMap(c -> NeighbourQuery.lockKeys(c).stream())
                .distinct()
                .sorted()
                .toArray(Long[]::new);
        Mono<List<StoreOutcome>> work = db.sql(LOCK)
                .bind("keys", keys)
                .fetch()
                .rowsUpdated()
                .then(NeighbourQuery.findAll(db, candidates))
                .map(found -> DedupePlanner.plan(candidates, found))
                .flatMap(decisions -> apply(newItems, candidates, decisions));
        return transaction.transactional(work);
    }

    private static List<Candidate> candidates(List<NewItem> newItems) {
        return newItems.stream().map(n -> Candidate.of(n.sourceId(), n.item())).toList();
    }

    // Writes by kind, one statement each where it can: all new rows, then the updates, then the new places.
    private Mono<List<StoreOutcome>> apply(
            List<NewItem> newItems, List<Candidate> candidates, List<Decision> decisions) {
        List<NewItem> inserts = new ArrayList<>();
        List<Candidate> insertCandidates = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            if (decisions.get(i) instanceof Decision.Insert) {
                inserts.add(newItems.get(i));
                insertCandidates.add(candidates.get(i));
            }
        }
        return BatchWrites.allocate(db, inserts.size()).flatMap(seqs -> {
            StoreOutcome[] outcomes = new StoreOutcome[decisions.size()];
            List<BatchWrites.Place> places = new ArrayList<>();
            List<Integer> updates = new ArrayList<>();
            for (int i = 0; i < decisions.size(); i++) {
                Decision decision = decisions.get(i);
                if (decision instanceof Decision.Insert insert) {
                    outcomes[i] = new StoreOutcome.Inserted(seqs.get(insert.slot()));
                } else if (decision instanceof Decision.Merge merge) {
                    NewItem n = newItems.get(i);
                    places.add(new BatchWrites.Place(
                            resolve(merge.ref(), seqs), n.sourceId(), n.item().url(), n.fetchedAt()));
                    if (merge.take().any()) {
                        updates.add(i);
                    }
                } else if (decision instanceof Decision.Update) {
                    updates.add(i);
                } else if (decision instanceof Decision.Unchanged same) {
                    outcomes[i] = new StoreOutcome.Unchanged(resolve(same.ref(), seqs));
                }
            }
            Mono<Void> inserted = BatchWrites.insert(db, inserts, insertCandidates, seqs)
                    .flatMap(rows -> rows.size() < inserts.size()
                            // the locks cover every item's URL and GUID, so a clash here means a neighbour was missed
                            ? Mono.error(new IllegalStateException((inserts.size() - rows.size())
                                    + " new items clashed with stored items, e.g. "
                                    + inserts.get(0).item().url()))
                            : Mono.empty());
            Mono<Void> updated = Flux.fromIterable(updates)
                    .concatMap(i -> {
                        Decision d = decisions.get(i);
                        long ref = ref(d);
                        Decision.Take take = d instanceof Decision.Merge m ? m.take() : ((Decision.Update) d).take();
                        long seq = resolve(ref, seqs);
                        return ItemUpdate.apply(db, seq, newItems.get(i), candidates.get(i), take)
                                .doOnNext(revision -> outcomes[i] = new StoreOutcome.Updated(seq, revision));
                    })
                    .then();
            for (int i = 0; i < decisions.size(); i++) {
                NewItem n = newItems.get(i);
                if (n.listedAt() != null && !n.listedAt().equals(n.item().url())) {
                    places.add(new BatchWrites.Place(
                            resolve(ref(decisions.get(i)), seqs), n.sourceId(), n.listedAt(), n.fetchedAt()));
                }
            }
            Mono<Set<String>> merged = BatchWrites.alsoAt(db, places);
            return inserted.then(updated).then(merged).map(newPlaces -> {
                for (int i = 0; i < outcomes.length; i++) {
                    if (decisions.get(i) instanceof Decision.Merge merge) {
                        long seq = resolve(merge.ref(), seqs);
                        NewItem n = newItems.get(i);
                        boolean placed = newPlaces.contains(
                                BatchWrites.placeKey(n.sourceId(), n.item().url()));
                        outcomes[i] = placed ? new StoreOutcome.Merged(seq) : new StoreOutcome.Unchanged(seq);
                    } else if (outcomes[i] == null) {
                        long ref = ((Decision.Update) decisions.get(i)).ref();
                        outcomes[i] = new StoreOutcome.Unchanged(resolve(ref, seqs));
                    }
                }
                return List.of(outcomes);
            });
        });
    }

    private static long ref(Decision decision) {
        if (decision instanceof Decision.Insert insert) {
            return -(insert.slot() + 1L);
        }
        if (decision instanceof Decision.Merge merge) {
            return merge.ref();
        }
        if (decision instanceof Decision.Update update) {
            return update.ref();
        }
        return ((Decision.Unchanged) decision).ref();
    }

    /** The row a decision's reference names, given the row numbers allocated to the insert slots. */
    static long resolve(long ref, List<Long> allocated) {
        return ref >= 0 ? ref : allocated.get((int) (-ref - 1));
    }
}
