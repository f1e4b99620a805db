package io.countywatch.aggregator.store.items;

import io.countywatch.aggregator.dedupe.Candidate;
import io.countywatch.aggregator.dedupe.Neighbour;
import io.countywatch.aggregator.dedupe.TextPrint;
import io.r2dbc.spi.Readable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Finds the stored items that may be the same story as the candidates of a batch, each through an index: the same
 * canonical URL in any source ({@code item_url}, migration V9) or among the places of {@code item_also_at}
 * ({@code item_also_at_url}, V10), the same GUID in the source, the exact fingerprint, the same title key (the
 * newest 20), the lead and article keys (the band-key GIN index, at most 20 rows per key), or a shared SimHash band
 * key (at most 50 rows per key) with a SimHash within {@link TextPrint#MAX_NEAR_DISTANCE}.
 *
 * <p>Why the distance filter: at a million stored items a new story shares a band key with ~9 unrelated ones
 * (bodies written from the same phrases hash close together), of which ~0.5 are within the distance at which
 * they could be the same story. Leaving the rest out in the index branch, where their row is read anyway, spares
 * each of them a second read through the primary key, the transfer, and the decoding in the application.
 */
final class NeighbourQuery {

    // One LATERAL branch set per candidate, and key lookups per (candidate, key), each through its index; the
    // outer join reads only the rows found. Rows carry the index of the candidate they answer.
    static final String BATCH_SQL = """
            WITH req AS (
                SELECT * FROM unnest(CAST(:idx AS int[]), CAST(:sources AS text[]), CAST(:urls AS text[]),
                                     CAST(:guids AS text[]), CAST(:fps AS bigint[]), CAST(:tks AS bigint[]))
                       AS r (idx, source, url, guid, fp, tk)
            ), found (idx, seq, also_at, place_source, place_url) AS (
                SELECT r.idx, f.* FROM req r CROSS JOIN LATERAL (
                    SELECT seq, false, source_id, url FROM item WHERE url = r.url
                  UNION
                    SELECT seq, false, source_id, url FROM item
                    WHERE source_id = r.source AND guid = r.guid AND guid IS NOT NULL
                  UNION
                    SELECT item_seq, true, source_id, url FROM item_also_at WHERE url = r.url
                  UNION
                    SELECT seq, false, source_id, url FROM item WHERE text_fp = r.fp
                  UNION
                    (SELECT seq, false, source_id, url FROM item WHERE title_key = r.tk ORDER BY seq DESC LIMIT 20)
                ) f
              UNION
                SELECT ek.idx, i.seq, false, i.source_id, i.url
                FROM unnest(CAST(:exactIdx AS int[]), CAST(:exactKeys AS bigint[])) AS ek (idx, key)
                CROSS JOIN LATERAL (
                    SELECT seq, source_id, url FROM item WHERE band_keys @> ARRAY[ek.key] LIMIT 20) i
              UNION
                SELECT bb.idx, i.seq, false, i.source_id, i.url
                FROM unnest(CAST(:bandIdx AS int[]), CAST(:bandKeys AS bigint[]), CAST(:bandSimhashes AS bigint[]))
                     AS bb (idx, key, simhash)
                CROSS JOIN LATERAL (
                    SELECT seq, source_id, url FROM item
                    WHERE band_keys @> ARRAY[bb.key] AND bit_count(CAST(simhash # bb.simhash AS bit(64))) <= :near
                    LIMIT 50) i
            )
            SELECT f.idx, f.seq, f.also_at, f.place_source, f.place_url, i.uid, i.guid, i.content_hash, i.band_keys, i.lead_prints,
                   coalesce(i.text_fp, 0) AS text_fp, coalesce(i.title_key, 0) AS title_key,
                   coalesce(i.simhash, 0) AS simhash, i.body_length, i.title_length, i.published_day,
                   i.title_periods, i.body_periods, i.title
            FROM found f JOIN item i ON i.seq = f.seq""";

    private NeighbourQuery() {}

    /** The neighbours of each candidate, by candidate index. */
    static Mono<List<List<Neighbour>>> findAll(DatabaseClient db, List<Candidate> candidates) {
        int n = candidates.size();
        List<Integer> bandIdx = new ArrayList<>();
        List<Long> bandKeys = new ArrayList<>();
        List<Long> bandSimhashes = new ArrayList<>();
        List<Integer> exactIdx = new ArrayList<>();
        List<Long> exactKeys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TextPrint print = candidates.get(i).print();
            for (Long key : print.bandKeys()) {
                bandIdx.add(i);
                bandKeys.add(key);
                bandSimhashes.add(print.simhash());
            }
            for (Long key : candidates.get(i).exactKeys()) {
                exactIdx.add(i);
                exactKeys.add(key);
            }
        }
        return db.sql(BATCH_SQL)
                .bind("idx", IntStream.range(0, n).boxed().toArray(Integer[]::new))
                .bind("sources", candidates.stream().map(Candidate::sourceId).toArray(String[]::new))
                .bind("urls", candidates.stream().map(Candidate::url).toArray(String[]::new))
                // "" stands for no GUID (an array element cannot be a typed null here); a stored empty GUID it
                // might match is only one more neighbour for the planner to weigh
                .bind(
                        "guids",
                        candidates.stream()
                                .map(c -> c.guid() == null ? "" : c.guid())
                                .toArray(String[]::new))
                .bind(
                        "fps",
                        candidates.stream().map(c -> c.print().fingerprint()).toArray(Long[]::new))
                .bind("tks", candidates.stream().map(c -> c.print().titleKey()).toArray(Long[]::new))
                .bind("exactIdx", exactIdx.toArray(Integer[]::new))
                .bind("exactKeys", exactKeys.toArray(Long[]::new))
                .bind("bandIdx", bandIdx.toArray(Integer[]::new))
                .bind("bandKeys", bandKeys.toArray(Long[]::new))
                .bind("bandSimhashes", bandSimhashes.toArray(Long[]::new))
                .bind("near", TextPrint.MAX_NEAR_DISTANCE)
                .map(row -> java.util.Map.entry(row.get("idx", Integer.class), neighbour(row)))
                .all()
                .collectList()
                .map(rows -> {
                    List<List<Neighbour>> byIndex = new ArrayList<>(n);
                    IntStream.range(0, n).forEach(i -> byIndex.add(new ArrayList<>()));
                    rows.forEach(e -> byIndex.get(e.getKey()).add(e.getValue()));
                    return byIndex;
                });
    }

    private static Neighbour neighbour(Readable row) {
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
                row.get("title", String.class),
                leads(row.get("lead_prints", Long[].class)));
        Long[] keys = row.get("band_keys", Long[].class);
        return new Neighbour(
                row.get("seq", Long.class),
                row.get("uid", java.util.UUID.class).toString(),
                row.get("place_source", String.class),
                row.get("place_url", String.class),
                row.get("guid", String.class),
                Boolean.TRUE.equals(row.get("also_at", Boolean.class)),
                print,
                row.get("content_hash", String.class),
                keys == null ? java.util.Set.of() : new HashSet<>(Arrays.asList(keys)));
    }

    private static List<Long> leads(Long[] stored) {
        return stored == null ? List.of() : Arrays.asList(stored);
    }

    /**
     * Advisory-lock keys of a candidate: its canonical URL (in any source), its GUID in its source, the exact
     * fingerprint, the title key, the article key, and its first two SimHash band keys. Two copies of one story share
     * one of them whatever rule merges them but the summary rule (an equal fingerprint or title, the same URL or
     * article, or — for two bodies within SimHash distance 1 with different titles — at least one of the first two bands:
     * the one differing bit lies in one band only), so their decisions run one after another. The third band is
     * left out: it adds nothing for distance 1, and every band key locked makes unrelated batches of templated
     * stories wait for each other more often. The lead key is left out too: templated stories start alike, and as a
     * lock it made concurrent batches wait for each other (924 items/s at a million items instead of 2,000+), so a
     * summary-only copy and its article stored in the same instant under different URLs and titles can still
     * become two items.
     */
    static List<Long> lockKeys(Candidate candidate) {
        TextPrint print = candidate.print();
        List<Long> keys = new ArrayList<>(8);
        keys.add(print.fingerprint());
        keys.add(print.titleKey());
        keys.add(((long) candidate.url().hashCode() << 32)
                ^ 0x2545f491L
                ^ candidate.url().length());
        if (candidate.guid() != null) {
            keys.add(((long) candidate.sourceId().hashCode() << 32)
                    ^ (candidate.guid().hashCode() & 0xffffffffL)
                    ^ 0x5bd1e995L);
        }
        if (candidate.articleKey() != 0) {
            keys.add(candidate.articleKey());
        }
        keys.addAll(print.bandKeys().subList(0, Math.min(2, print.bandKeys().size())));
        return keys;
    }
}
