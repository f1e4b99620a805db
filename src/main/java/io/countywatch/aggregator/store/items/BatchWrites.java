package io.countywatch.aggregator.store.items;

import io.countywatch.aggregator.dedupe.Candidate;
import io.countywatch.aggregator.dedupe.TextPrint;
import io.countywatch.aggregator.item.DateOrigin;
import io.countywatch.aggregator.item.ExtractedItem;
import io.r2dbc.spi.Parameters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The writes of a batch's decisions, each kind in one multi-row statement: a batch of 32 new items costs one round
 * trip and fires the per-statement triggers once, not 32 times.
 */
final class BatchWrites {

    // Row numbers come from the item's own identity sequence, taken before the insert so that the batch's
    // alsoAt rows and updates can name items inserted in the same batch.
    private static final String ALLOCATE =
            "SELECT nextval(pg_get_serial_sequence('item', 'seq')) AS seq FROM generate_series(1, :n) ORDER BY 1";

    // One VALUES row per item with scalar parameters, not unnest over arrays: r2dbc-postgresql sends arrays in text
    // form, and parsing a batch's titles, summaries and contents out of array literals (quotes, escapes) cost
    // PostgreSQL a sixth of its CPU at a million items (docs/benchmarks/dedupe.md). A scalar text parameter is
    // taken as it comes. The keyword terms and band keys are one array literal per row (ints: cheap to parse);
    // a row without bands (a short body) stores NULL, which the band index leaves out.
    private static final List<Column> INSERT_COLUMNS = List.of(
            Column.of("seq"),
            Column.of("source_id"),
            Column.nullable("guid", String.class),
            Column.of("url"),
            Column.of("title"),
            Column.nullable("summary", String.class),
            Column.nullable("content", String.class),
            Column.of("published_at"),
            Column.of("date_origin"),
            Column.of("date_has_time"),
            Column.of("fetched_at"),
            Column.of("updated_at"),
            Column.of("content_hash"),
            Column.of("text_fp"),
            Column.of("title_key"),
            Column.of("simhash"),
            Column.of("body_length"),
            Column.of("title_length"),
            Column.nullable("published_day", Integer.class),
            Column.of("title_periods"),
            Column.of("body_periods"),
            Column.arrayLiteral("bigrams", "int[]"),
            Column.arrayLiteral("band_keys", "bigint[]"),
            Column.arrayLiteral("lead_prints", "bigint[]"));
    private static final int MAX_ROWS = 1_000;
    // one statement text per batch size, built once (each is prepared once per connection)
    private static final java.util.concurrent.ConcurrentMap<Integer, String> INSERTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A column of the insert: how its parameter appears in the VALUES row ({@code %s} is the parameter) and the
     * type to bind a null as (none: the column never takes null).
     */
    private record Column(String name, String placeholder, Class<?> nullType) {
        static Column of(String name) {
            return new Column(name, "%s", null);
        }

        static Column nullable(String name, Class<?> nullType) {
            return new Column(name, "%s", nullType);
        }

        // an array as one text literal ("{1,2,3}"), or null
        static Column arrayLiteral(String name, String arrayType) {
            return new Column(name, "CAST(CAST(%s AS text) AS " + arrayType + ")", String.class);
        }

        Object bindable(Object value) {
            if (value != null) {
                return value;
            }
            if (nullType == null) {
                throw new IllegalStateException("column " + name + " cannot be null");
            }
            return Parameters.in(nullType);
        }
    }

    static String insertSql(int rows) {
        return INSERTS.computeIfAbsent(rows, n -> {
            StringBuilder sql = new StringBuilder("INSERT INTO item (")
                    .append(String.join(
                            ", ", INSERT_COLUMNS.stream().map(Column::name).toList()))
                    .append(") OVERRIDING SYSTEM VALUE VALUES ");
            int width = INSERT_COLUMNS.size();
            for (int r = 0; r < n; r++) {
                sql.append(r == 0 ? "(" : ", (");
                for (int c = 0; c < width; c++) {
                    sql.append(c == 0 ? "" : ", ")
                            .append(INSERT_COLUMNS.get(c).placeholder().formatted("$" + (r * width + c + 1)));
                }
                sql.append(')');
            }
            return sql.append(" ON CONFLICT DO NOTHING RETURNING seq").toString();
        });
    }

    // A story found at several new places in one batch moves its updated_at once, to the latest find.
    private static final String ALSO_AT = """
            WITH placed AS (
                INSERT INTO item_also_at (item_seq, source_id, url, found_at)
                SELECT * FROM unnest(CAST(:seqs AS bigint[]), CAST(:sources AS text[]), CAST(:urls AS text[]),
                                     CAST(:found AS timestamptz[]))
                ON CONFLICT DO NOTHING
                RETURNING item_seq, source_id, url, found_at
            ), touched AS (
                UPDATE item i SET updated_at = p.found_at, revision = i.revision + 1
                FROM (SELECT item_seq, max(found_at) AS found_at FROM placed GROUP BY item_seq) p
                WHERE i.seq = p.item_seq
            )
            SELECT source_id, url FROM placed""";

    private BatchWrites() {}

    /** {@code n} new item row numbers, ascending. */
    static Mono<List<Long>> allocate(DatabaseClient db, int n) {
        if (n == 0) {
            return Mono.just(List.of());
        }
        return db.sql(ALLOCATE)
                .bind("n", n)
                .map(row -> row.get("seq", Long.class))
                .all()
                .collectList();
    }

    /** Inserts the rows with their band keys and keyword terms; answers the row numbers actually inserted. */
    static Mono<Set<Long>> insert(
            DatabaseClient db, List<NewItem> newItems, List<Candidate> candidates, List<Long> seqs) {
        if (newItems.isEmpty()) {
            return Mono.just(Set.of());
        }
        int n = newItems.size();
        if (n > MAX_ROWS) { // a statement takes at most 65,535 parameters
            return Flux.range(0, (n + MAX_ROWS - 1) / MAX_ROWS)
                    .concatMap(c -> {
                        int from = c * MAX_ROWS;
                        int to = Math.min(n, from + MAX_ROWS);
                        return insert(
                                db, newItems.subList(from, to), candidates.subList(from, to), seqs.subList(from, to));
                    })
                    .collect(HashSet::new, Set::addAll);
        }
        // all values in one call: each bind(index, value) copies the spec's bindings so far (quadratic in them)
        List<Object> values = new ArrayList<>(n * INSERT_COLUMNS.size());
        for (int i = 0; i < n; i++) {
            NewItem newItem = newItems.get(i);
            ExtractedItem item = newItem.item();
            Candidate candidate = candidates.get(i);
            TextPrint print = candidate.print();
            List<Long> keys = candidate.storedKeys();
            int[] terms = Bigrams.codes(Bigrams.itemText(item.title(), item.summary()));
            // in the order of INSERT_COLUMNS
            Object[] row = {
                seqs.get(i),
                newItem.sourceId(),
                item.guid(),
                item.url(),
                item.title(),
                item.summary(),
                item.content(),
                published(newItem),
                origin(newItem).dbValue(),
                item.publishedAt() == null || item.dateHasTime(),
                newItem.fetchedAt(),
                newItem.fetchedAt(), // updated_at starts as fetched_at
                candidate.contentHash(),
                print.fingerprint(),
                print.titleKey(),
                print.simhash(),
                print.bodyLength(),
                print.titleLength(),
                print.day(),
                print.titlePeriods(),
                print.bodyPeriods(),
                arrayLiteral(Arrays.stream(terms).asLongStream()),
                keys.isEmpty() ? null : arrayLiteral(keys.stream().mapToLong(Long::longValue)),
                print.leads().isEmpty()
                        ? null
                        : arrayLiteral(print.leads().stream().mapToLong(Long::longValue))
            };
            for (int c = 0; c < row.length; c++) {
                values.add(INSERT_COLUMNS.get(c).bindable(row[c]));
            }
        }
        return db.sql(insertSql(n))
                .bindValues(values)
                .map(r -> r.get("seq", Long.class))
                .all()
                .collect(HashSet::new, Set::add);
    }

    // thousands of ints per batch: one literal costs the driver one string, an Integer[] an escape per element
    private static String arrayLiteral(LongStream values) {
        StringBuilder out = new StringBuilder(2048).append('{');
        values.forEach(v -> out.append(out.length() == 1 ? "" : ",").append(v));
        return out.append('}').toString();
    }

    /** One place of a story: the row it belongs to and where it was found. */
    record Place(long seq, String sourceId, String url, Instant found) {}

    /** One key for a place (source and URL), as {@link #alsoAt} answers them. */
    static String placeKey(String sourceId, String url) {
        return sourceId + '\n' + url;
    }

    /** Records the places and touches their items; answers the {@link #placeKey}s of the places that were new. */
    static Mono<Set<String>> alsoAt(DatabaseClient db, List<Place> places) {
        if (places.isEmpty()) {
            return Mono.just(Set.of());
        }
        return db.sql(ALSO_AT)
                .bind("seqs", places.stream().map(Place::seq).toArray(Long[]::new))
                .bind("sources", places.stream().map(Place::sourceId).toArray(String[]::new))
                .bind("urls", places.stream().map(Place::url).toArray(String[]::new))
                .bind("found", places.stream().map(Place::found).toArray(Instant[]::new))
                .map(row -> placeKey(row.get("source_id", String.class), row.get("url", String.class)))
                .all()
                .collect(HashSet::new, Set::add);
    }

    private static Instant published(NewItem newItem) {
        return newItem.item().publishedAt() == null
                ? newItem.fetchedAt()
                : newItem.item().publishedAt().toInstant();
    }

    private static DateOrigin origin(NewItem newItem) {
        return newItem.item().publishedAt() == null ? DateOrigin.FETCHED : newItem.origin();
    }
}
