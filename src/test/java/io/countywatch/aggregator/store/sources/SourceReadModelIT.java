package io.countywatch.aggregator.store.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.db.ReadDatabase;
import io.countywatch.aggregator.store.StoreDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /api/sources reads each source's item count from counters the database keeps on every insert and delete of items,
 * so its statement never touches the item table (which holds millions of rows at a country's scale), and answers
 * only the sources changed since a change number when asked so.
 */
class SourceReadModelIT {

    static StoreDatabase database;
    static SourceStateRepository states;

    @BeforeAll
    static void start() {
        database = StoreDatabase.create("source_read_model", 2);
        states = new SourceStateRepository(database.db(), ReadDatabase.primary(database.db()));
        database.sources("a", "b", "empty");
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void countsFollowInsertsAndDeletesOfManyRowsAtOnce() {
        sql("""
                INSERT INTO item (source_id, url, title, published_at, date_origin, fetched_at, updated_at, content_hash)
                SELECT CASE WHEN n <= 5 THEN 'a' ELSE 'b' END, 'http://127.0.0.1/' || n, '标题' || n, now(), 'source',
                       now(), now(), 'h' || n
                FROM generate_series(1, 8) AS n""");
        sql("DELETE FROM item WHERE source_id = 'a' AND url IN ('http://127.0.0.1/1', 'http://127.0.0.1/2')");

        Map<String, Long> counts = states.findChanged(0).block(Duration.ofSeconds(30)).sources().stream()
                .collect(Collectors.toMap(SourceState::id, SourceState::itemCount));
        assertThat(counts).containsEntry("a", 3L).containsEntry("b", 3L).containsEntry("empty", 0L);
    }

    @Test
    void theSourcesStatementDoesNotReadTheItemTable() {
        List<String> plan = database.db()
                .sql("EXPLAIN " + SourceStateRepository.STATES)
                .bind("since", 0L)
                .map(row -> row.get(0, String.class))
                .all()
                .collectList()
                .block(Duration.ofSeconds(30));
        assertThat(plan).noneMatch(line -> line.matches(".* on item( .*|$)"));
    }

    @Test
    void sinceAChangeNumberOnlyTheSourcesChangedAfterItAreRead() {
        database.sources("x", "y");
        long version = states.findChanged(0).block(Duration.ofSeconds(30)).version();
        sql("UPDATE source SET last_poll_at = now(), last_status = 304 WHERE id = 'x'");
        // a lease alone changes nothing a reader sees
        sql("UPDATE source SET lease_owner = 'someone', lease_until = now() WHERE id = 'y'");

        SourceStates changed = states.findChanged(version).block(Duration.ofSeconds(30));
        assertThat(changed.sources()).extracting(SourceState::id).containsExactly("x");
        assertThat(changed.version()).isGreaterThan(version);
        assertThat(states.findChanged(changed.version())
                        .block(Duration.ofSeconds(30))
                        .sources())
                .isEmpty();
    }

    private static void sql(String statement) {
        database.db().sql(statement).fetch().rowsUpdated().block(Duration.ofSeconds(30));
    }
}
