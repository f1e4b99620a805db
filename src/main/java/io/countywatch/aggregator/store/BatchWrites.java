package io.countywatch.aggregator.store;

import io.countywatch.aggregator.item.DateOrigin;
import io.countywatch.aggregator.item.ExtractedItem;
import io.countywatch.aggregator.item.TextPrint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import reactor.core.publisher.Mono;

/**
 * The writes of a {@link BatchPlan}, each kind in one multi-row statement over arrays ({@code unnest}): a batch
 * of 32 new items costs one round trip and fires the per-statement triggers once, not 32 times.
 */
final class BatchWrites {

    // Row numbers come from the item's own identity sequence, taken before the insert so that the batch's
    // alsoAt rows and updates can name items inserted in the same batch.
    private static final String ALLOCATE =
            "SELECT nextval(pg_get_serial_sequence('item', 'seq')) AS seq FROM generate_series(1, :n) ORDER BY 1";

    // The keyword index terms (Bigrams) and the band keys of all rows come as one flat array each, a row's a slice
    // of it: a parameter cannot be an array of arrays of different lengths. A row without bands (a short body)
    // stores NULL, which the band index leaves out.
    // (The slice is spaced: a colon before a name would read as a bind marker.)
    private static final String INSERT = """
            WITH rows AS (
                SELECT * FROM unnest(CAST(:seqs AS bigint[]), CAST(:sources AS text[]), CAST(:guids AS text[]),
                                     CAST(:urls AS text[]), CAST(:titles AS text[]), CAST(:summaries AS text[]),
                                     CAST(:contents AS text[]), CAST(:published AS timestamptz[]),
                                     CAST(:origins AS text[]), CAST(:hasTimes AS boolean[]),
                                     CAST(:fetched AS timestamptz[]), CAST(:hashes AS text[]), CAST(:fps AS bigint[]),
                                     CAST(:tks AS bigint[]), CAST(:simhashes AS bigint[]),
                                     CAST(:bodyLengths AS int[]), CAST(:titleLengths AS int[]), CAST(:days AS int[]),
                                     CAST(:titlePeriods AS text[]), CAST(:bodyPeriods AS text[]),
                                     CAST(:termsFrom AS int[]), CAST(:termsTo AS int[]),
                                     CAST(:bandsFrom AS int[]), CAST(:bandsTo AS int[]))
                       AS r (seq, source_id, guid, url, title, summary, content, published_at, date_origin,
                             date_has_time, fetched_at, content_hash, text_fp, title_key, simhash, body_length,
                             title_length, published_day, title_periods, body_periods, terms_from, terms_to,
                             bands_from, bands_to)
            ), inserted AS (
                INSERT INTO item (seq, source_id, guid, url, title, summary, content, published_at, date_origin,
                                  date_has_time, fetched_at, updated_at, content_hash, text_fp, title_key, simhash,
                                  body_length, title_length, published_day, title_periods, body_periods, bigrams,
                                  band_keys)
                OVERRIDING SYSTEM VALUE
                SELECT seq, source_id, guid, url, title, summary, content, published_at, date_origin, date_has_time,
                       fetched_at, fetched_at, content_hash, text_fp, title_key, simhash, body_length, title_length,
                       published_day, title_periods, body_periods, t.terms[terms_from : terms_to],
                       CASE WHEN bands_to >= bands_from THEN t.bands[bands_from : bands_to] END
                FROM rows, (SELECT CAST(CAST(:terms AS text) AS int[]) AS terms, CAST(:bands AS bigint[]) AS bands) t
                ON CONFLICT DO NOTHING
                RETURNING seq
            )
            SELECT seq FROM inserted""";

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
            DatabaseClient db, List<NewItem> newItems, List<TextPrint> prints, List<String> hashes, List<Long> seqs) {
        if (newItems.isEmpty()) {
            return Mono.just(Set.of());
        }
        int n = newItems.size();
        List<Long> bands = new ArrayList<>();
        Integer[] bandsFrom = new Integer[n];
        Integer[] bandsTo = new Integer[n];
        // thousands of ints per batch: one array literal costs the driver one string, an Integer[] an escape per
        // element
        StringBuilder terms = new StringBuilder(n * 2048).append('{');
        int termCount = 0;
        Integer[] termsFrom = new Integer[n];
        Integer[] termsTo = new Integer[n];
        for (int i = 0; i < n; i++) {
            ExtractedItem item = newItems.get(i).item();
            termsFrom[i] = termCount + 1;
            for (int term : Bigrams.codes(Bigrams.itemText(item.title(), item.summary()))) {
                terms.append(termCount++ == 0 ? "" : ",").append(term);
            }
            termsTo[i] = termCount;
            bandsFrom[i] = bands.size() + 1;
            bands.addAll(prints.get(i).bandKeys());
            bandsTo[i] = bands.size();
        }
        GenericExecuteSpec spec = db.sql(INSERT)
                .bind("seqs", seqs.toArray(Long[]::new))
                .bind("sources", newItems.stream().map(NewItem::sourceId).toArray(String[]::new))
                .bind("guids", items(newItems).map(ExtractedItem::guid).toArray(String[]::new))
                .bind("urls", items(newItems).map(ExtractedItem::url).toArray(String[]::new))
                .bind("titles", items(newItems).map(ExtractedItem::title).toArray(String[]::new))
                .bind("summaries", items(newItems).map(ExtractedItem::summary).toArray(String[]::new))
                .bind("contents", items(newItems).map(ExtractedItem::content).toArray(String[]::new))
                .bind("published", newItems.stream().map(BatchWrites::published).toArray(Instant[]::new))
                .bind(
                        "origins",
                        newItems.stream().map(n2 -> origin(n2).dbValue()).toArray(String[]::new))
                .bind(
                        "hasTimes",
                        items(newItems)
                                .map(i -> i.publishedAt() == null || i.dateHasTime())
                                .toArray(Boolean[]::new))
                .bind("fetched", newItems.stream().map(NewItem::fetchedAt).toArray(Instant[]::new))
                .bind("hashes", hashes.toArray(String[]::new))
                .bind("fps", prints.stream().map(TextPrint::fingerprint).toArray(Long[]::new))
                .bind("tks", prints.stream().map(TextPrint::titleKey).toArray(Long[]::new))
                .bind("simhashes", prints.stream().map(TextPrint::simhash).toArray(Long[]::new))
                .bind("bodyLengths", prints.stream().map(TextPrint::bodyLength).toArray(Integer[]::new))
                .bind(
                        "titleLengths",
                        prints.stream().map(TextPrint::titleLength).toArray(Integer[]::new))
                .bind("days", prints.stream().map(TextPrint::day).toArray(Integer[]::new))
                .bind(
                        "titlePeriods",
                        prints.stream().map(TextPrint::titlePeriods).toArray(String[]::new))
                .bind("bodyPeriods", prints.stream().map(TextPrint::bodyPeriods).toArray(String[]::new))
                .bind("terms", terms.append('}').toString())
                .bind("termsFrom", termsFrom)
                .bind("termsTo", termsTo)
                .bind("bands", bands.toArray(Long[]::new))
                .bind("bandsFrom", bandsFrom)
                .bind("bandsTo", bandsTo);
        return spec.map(row -> row.get("seq", Long.class)).all().collect(HashSet::new, Set::add);
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

    private static java.util.stream.Stream<ExtractedItem> items(List<NewItem> newItems) {
        return newItems.stream().map(NewItem::item);
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
