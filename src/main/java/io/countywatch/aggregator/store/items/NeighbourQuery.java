package io.countywatch.aggregator.store.items;

import io.countywatch.aggregator.item.KnownItem;
import io.countywatch.aggregator.item.TextPrint;
import io.countywatch.aggregator.store.Binds;
import io.r2dbc.spi.Readable;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Finds the stored items that may be the same story as a new one, each through an index: the same URL or GUID
 * in the source, a place in {@code item_also_at}, the exact fingerprint, the same title key (the newest 20), or
 * a shared SimHash band key (at most 50 rows per key) with a SimHash within {@link TextPrint#MAX_NEAR_DISTANCE}.
 *
 * <p>Why the distance filter: at a million stored items a new story shares a band key with ~9 unrelated ones
 * (bodies written from the same phrases hash close together), of which ~0.5 are within the distance at which
 * they could be the same story. Leaving the rest out in the index branch, where their row is read anyway, spares
 * each of them a second read through the primary key, the transfer, and the decoding in the application.
 */
final class NeighbourQuery {

    // Each branch is an index lookup; the outer join reads only the rows found.
    static final String SQL = """
            WITH found (seq, also_at, place_source, place_url) AS (
                SELECT seq, false, source_id, url FROM item WHERE source_id = :source AND url = :url
              UNION
                SELECT seq, false, source_id, url FROM item
                WHERE source_id = :source AND guid = CAST(:guid AS text) AND guid IS NOT NULL
              UNION
                SELECT item_seq, true, source_id, url FROM item_also_at WHERE source_id = :source AND url = :url
              UNION
                SELECT seq, false, source_id, url FROM item WHERE text_fp = :fp
              UNION
                (SELECT seq, false, source_id, url FROM item WHERE title_key = :tk ORDER BY seq DESC LIMIT 20)
              UNION
                (SELECT seq, false, source_id, url FROM item
                 WHERE band_keys && CAST(:bands AS bigint[])
                   AND bit_count(CAST(simhash # :simhash AS bit(64))) <= :near LIMIT 150)
            )
            SELECT f.seq, f.also_at, f.place_source, f.place_url, i.uid, i.guid,
                   coalesce(i.text_fp, 0) AS text_fp, coalesce(i.title_key, 0) AS title_key,
                   coalesce(i.simhash, 0) AS simhash, i.body_length, i.title_length, i.published_day,
                   i.title_periods, i.body_periods, i.title
            FROM found f JOIN item i ON i.seq = f.seq""";

    // The same lookups for a whole batch in one round trip: one LATERAL branch set per requested item, and
    // band lookups per (item, band key), each through the band keys' GIN index (migration V8). Rows carry the
    // index of the item they answer.
    static final String BATCH_SQL = """
            WITH req AS (
                SELECT * FROM unnest(CAST(:idx AS int[]), CAST(:sources AS text[]), CAST(:urls AS text[]),
                                     CAST(:guids AS text[]), CAST(:fps AS bigint[]), CAST(:tks AS bigint[]))
                       AS r (idx, source, url, guid, fp, tk)
            ), found (idx, seq, also_at, place_source, place_url) AS (
                SELECT r.idx, f.* FROM req r CROSS JOIN LATERAL (
                    SELECT seq, false, source_id, url FROM item WHERE source_id = r.source AND url = r.url
                  UNION
                    SELECT seq, false, source_id, url FROM item
                    WHERE source_id = r.source AND guid = r.guid AND guid IS NOT NULL
                  UNION
                    SELECT item_seq, true, source_id, url FROM item_also_at WHERE source_id = r.source AND url = r.url
                  UNION
                    SELECT seq, false, source_id, url FROM item WHERE text_fp = r.fp
                  UNION
                    (SELECT seq, false, source_id, url FROM item WHERE title_key = r.tk ORDER BY seq DESC LIMIT 20)
                ) f
              UNION
                SELECT bb.idx, i.seq, false, i.source_id, i.url
                FROM unnest(CAST(:bandIdx AS int[]), CAST(:bandKeys AS bigint[]), CAST(:bandSimhashes AS bigint[]))
                     AS bb (idx, key, simhash)
                CROSS JOIN LATERAL (
                    SELECT seq, source_id, url FROM item
                    WHERE band_keys @> ARRAY[bb.key] AND bit_count(CAST(simhash # bb.simhash AS bit(64))) <= :near
                    LIMIT 50) i
            )
            SELECT f.idx, f.seq, f.also_at, f.place_source, f.place_url, i.uid, i.guid, i.content_hash,
                   coalesce(i.text_fp, 0) AS text_fp, coalesce(i.title_key, 0) AS title_key,
                   coalesce(i.simhash, 0) AS simhash, i.body_length, i.title_length, i.published_day,
                   i.title_periods, i.body_periods, i.title
            FROM found f JOIN item i ON i.seq = f.seq""";

    /** A neighbour of the batch item {@code index}, with the stored item's raw content hash. */
    record Found(int index, KnownItem known, String contentHash) {}

    private NeighbourQuery() {}

    static Mono<List<Found>> findAll(
            DatabaseClient db, List<String> sources, List<String> urls, List<String> guids, List<TextPrint> prints) {
        int n = prints.size();
        List<Integer> bandIdx = new java.util.ArrayList<>();
        List<Long> bandKeys = new java.util.ArrayList<>();
        List<Long> bandSimhashes = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (Long key : prints.get(i).bandKeys()) {
                bandIdx.add(i);
                bandKeys.add(key);
                bandSimhashes.add(prints.get(i).simhash());
            }
        }
        return db.sql(BATCH_SQL)
                .bind("idx", java.util.stream.IntStream.range(0, n).boxed().toArray(Integer[]::new))
                .bind("sources", sources.toArray(String[]::new))
                .bind("urls", urls.toArray(String[]::new))
                // "" stands for no GUID (an array element cannot be a typed null here); a stored empty GUID it
                // might match is only one more neighbour for the detector to weigh
                .bind("guids", guids.stream().map(g -> g == null ? "" : g).toArray(String[]::new))
                .bind("fps", prints.stream().map(TextPrint::fingerprint).toArray(Long[]::new))
                .bind("tks", prints.stream().map(TextPrint::titleKey).toArray(Long[]::new))
                .bind("bandIdx", bandIdx.toArray(Integer[]::new))
                .bind("bandKeys", bandKeys.toArray(Long[]::new))
                .bind("bandSimhashes", bandSimhashes.toArray(Long[]::new))
                .bind("near", TextPrint.MAX_NEAR_DISTANCE)
                .map(row -> new Found(row.get("idx", Integer.class), known(row), row.get("content_hash", String.class)))
                .all()
                .collectList();
    }

    static Mono<List<KnownItem>> find(DatabaseClient db, String sourceId, String url, String guid, TextPrint print) {
        return Binds.nullable(db.sql(SQL), "guid", guid, String.class)
                .bind("source", sourceId)
                .bind("url", url)
                .bind("fp", print.fingerprint())
                .bind("tk", print.titleKey())
                .bind("bands", print.bandKeys().toArray(Long[]::new))
                .bind("simhash", print.simhash())
                .bind("near", TextPrint.MAX_NEAR_DISTANCE)
                .map(NeighbourQuery::known)
                .all()
                .collectList();
    }

    private static KnownItem known(Readable row) {
        TextPrint print = new TextPrint(
                row.get("text_fp", Long.class),
                row.get("title_key", Long.class),
                row.get("simhash", Long.class),
                List.of(),
                row.get("body_length", Integer.class),
                row.get("title_length", Integer.class),
                row.get("published_day", Integer.class),
                row.get("title_periods", String.class),
                row.get("body_periods", String.class),
                row.get("title", String.class));
        return new KnownItem(
                row.get("seq", Long.class),
                row.get("uid", java.util.UUID.class).toString(),
                row.get("place_source", String.class),
                row.get("place_url", String.class),
                row.get("guid", String.class),
                Boolean.TRUE.equals(row.get("also_at", Boolean.class)),
                print);
    }

    /**
     * Advisory-lock keys: the exact fingerprint, the title key, and the item's URL and GUID in its source. Two
     * copies of one story share the fingerprint (or, for title-only items, the title key), so their decisions
     * run one after another. Band keys are left out on purpose: with many items per band value, concurrent batches
     * would often share one and run one at a time.
     */
    static Long[] lockKeys(String sourceId, String url, String guid, TextPrint print) {
        long place = ((long) sourceId.hashCode() << 32) ^ (url.hashCode() & 0xffffffffL);
        if (guid == null) {
            return new Long[] {print.fingerprint(), print.titleKey(), place};
        }
        long guidKey = ((long) sourceId.hashCode() << 32) ^ (guid.hashCode() & 0xffffffffL) ^ 0x5bd1e995L;
        return new Long[] {print.fingerprint(), print.titleKey(), place, guidKey};
    }
}
