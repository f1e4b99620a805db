package io.countywatch.aggregator.store;

import io.countywatch.aggregator.item.AlsoAt;
import io.countywatch.aggregator.item.DateOrigin;
import io.countywatch.aggregator.item.ExtractedItem;
import io.countywatch.aggregator.item.ItemView;
import io.r2dbc.spi.Readable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Items in PostgreSQL. Within a source an item is found again by canonical URL or GUID; the unique constraints
 * make that hold even when two pollers store the same item at once.
 */
@Repository
public class ItemRepository {

    private static final String FIND_SAME = """
            SELECT seq, content_hash FROM item
            WHERE source_id = :source AND (url = :url OR (CAST(:guid AS text) IS NOT NULL AND guid = :guid))
            ORDER BY (url = :url) DESC LIMIT 1""";

    // No conflict target: a clash on either the URL or the GUID constraint means another poller won the race.
    private static final String INSERT = """
            INSERT INTO item (source_id, guid, url, title, summary, content, published_at, date_origin,
                              date_has_time, fetched_at, updated_at, content_hash)
            VALUES (:source, :guid, :url, :title, :summary, :content, :published, :origin,
                    :hasTime, :fetched, :fetched, :hash)
            ON CONFLICT DO NOTHING
            RETURNING seq""";

    private static final String UPDATE = """
            UPDATE item SET title = :title, summary = :summary, content = :content, content_hash = :hash,
                            updated_at = :fetched, revision = revision + 1
            WHERE seq = :seq AND content_hash <> :hash
            RETURNING revision""";

    private static final String ALSO_AT = """
            SELECT item_seq, source_id, url FROM item_also_at
            WHERE item_seq = ANY(CAST(:seqs AS bigint[])) ORDER BY found_at, id""";

    private final DatabaseClient db;

    public ItemRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Inserts a new item, updates a changed one in place, or leaves an unchanged one alone, looking only at the
     * item's own source. It stores no text print, so such items are never matched across sources: the poller
     * stores through {@link StoryRepository} instead.
     */
    public Mono<StoreOutcome> store(NewItem newItem) {
        String hash = contentHash(newItem.item());
        return findSame(newItem)
                .flatMap(existing -> updateIfChanged(existing, newItem, hash))
                .switchIfEmpty(Mono.defer(() -> insert(newItem, hash)))
                // lost an insert race to another poller: the winner's row is there now
                .switchIfEmpty(Mono.defer(() -> findSame(newItem).flatMap(e -> updateIfChanged(e, newItem, hash))));
    }

    private record Existing(long seq, String hash) {}

    private Mono<Existing> findSame(NewItem newItem) {
        return Binds.nullable(db.sql(FIND_SAME), "guid", newItem.item().guid(), String.class)
                .bind("source", newItem.sourceId())
                .bind("url", newItem.item().url())
                .map(row -> new Existing(row.get("seq", Long.class), row.get("content_hash", String.class)))
                .one();
    }

    private Mono<StoreOutcome> updateIfChanged(Existing existing, NewItem newItem, String hash) {
        if (existing.hash().equals(hash)) {
            return Mono.just(new StoreOutcome.Unchanged(existing.seq()));
        }
        ExtractedItem item = newItem.item();
        var spec = db.sql(UPDATE)
                .bind("seq", existing.seq())
                .bind("title", item.title())
                .bind("hash", hash)
                .bind("fetched", newItem.fetchedAt());
        spec = Binds.nullable(spec, "summary", item.summary(), String.class);
        spec = Binds.nullable(spec, "content", item.content(), String.class);
        return spec.map(row -> (StoreOutcome) new StoreOutcome.Updated(existing.seq(), row.get("revision", Integer.class)))
                .one()
                .defaultIfEmpty(new StoreOutcome.Unchanged(existing.seq()));
    }

    private Mono<StoreOutcome> insert(NewItem newItem, String hash) {
        ExtractedItem item = newItem.item();
        Instant published = item.publishedAt() == null ? newItem.fetchedAt() : item.publishedAt().toInstant();
        var spec = db.sql(INSERT)
                .bind("source", newItem.sourceId())
                .bind("url", item.url())
                .bind("title", item.title())
                .bind("published", published)
                .bind("origin", (item.publishedAt() == null ? DateOrigin.FETCHED : newItem.origin()).dbValue())
                .bind("hasTime", item.publishedAt() == null || item.dateHasTime())
                .bind("fetched", newItem.fetchedAt())
                .bind("hash", hash);
        spec = Binds.nullable(spec, "guid", item.guid(), String.class);
        spec = Binds.nullable(spec, "summary", item.summary(), String.class);
        spec = Binds.nullable(spec, "content", item.content(), String.class);
        return spec.map(row -> (StoreOutcome) new StoreOutcome.Inserted(row.get("seq", Long.class))).one();
    }

    /**
     * Which of these canonical URLs this source has stored already, each with its date origin ("source",
     * "detail", "fetched"): the poller fetches detail pages only for the others.
     */
    public Mono<java.util.Map<String, String>> findKnown(String sourceId, java.util.Collection<String> urls) {
        if (urls.isEmpty()) {
            return Mono.just(java.util.Map.of());
        }
        return db.sql("SELECT url, date_origin FROM item WHERE source_id = :source AND url = ANY(:urls)")
                .bind("source", sourceId)
                .bind("urls", urls.toArray(String[]::new))
                .map(row -> java.util.Map.entry(row.get("url", String.class), row.get("date_origin", String.class)))
                .all()
                .collectMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue);
    }

    /** One page of items, newest first by published time, each with its other places ({@code alsoAt}). */
    public Mono<ItemPage> findPage(ItemQuery query) {
        ItemSql sql = ItemSql.page(query);
        return sql.bindTo(db)
                .map(ItemRepository::row)
                .all()
                .collectList()
                .flatMap(rows -> {
                    boolean more = rows.size() > query.limit();
                    List<Row> page = more ? rows.subList(0, query.limit()) : rows;
                    ItemCursor next = more
                            ? new ItemCursor(page.get(page.size() - 1).view().publishedAt().toInstant(),
                                    page.get(page.size() - 1).seq())
                            : null;
                    return alsoAt(db, page).map(places -> {
                        List<ItemView> items = new ArrayList<>(page.size());
                        page.forEach(r -> items.add(withAlsoAt(r.view(), places.getOrDefault(r.seq(), List.of()))));
                        return new ItemPage(items, next);
                    });
                });
    }

    /** The other places of each item of the page, by item row; also used for SSE events. */
    static Mono<Map<Long, List<AlsoAt>>> alsoAt(DatabaseClient db, List<Row> page) {
        if (page.isEmpty()) {
            return Mono.just(Map.of());
        }
        Long[] seqs = page.stream().map(Row::seq).toArray(Long[]::new);
        return db.sql(ALSO_AT)
                .bind("seqs", seqs)
                .map(row -> Map.entry(
                        row.get("item_seq", Long.class),
                        new AlsoAt(row.get("source_id", String.class), row.get("url", String.class))))
                .all()
                .collect(
                        HashMap::new,
                        (Map<Long, List<AlsoAt>> map, Map.Entry<Long, AlsoAt> e) ->
                                map.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    }

    static ItemView withAlsoAt(ItemView v, List<AlsoAt> places) {
        if (places.isEmpty()) {
            return v;
        }
        return new ItemView(v.id(), v.title(), v.url(), v.sourceId(), v.sourceName(), v.publishedAt(), v.fetchedAt(),
                v.updatedAt(), v.summary(), v.content(), v.tags(), places, v.dateOrigin());
    }

    record Row(ItemView view, long seq) {}

    static Row row(Readable row) {
        ZoneId zone = ZoneId.of(row.get("timezone", String.class));
        String[] tags = row.get("tags", String[].class);
        ItemView view = new ItemView(
                row.get("uid", java.util.UUID.class).toString(),
                row.get("title", String.class),
                row.get("url", String.class),
                row.get("source_id", String.class),
                row.get("source_name", String.class),
                inZone(row.get("published_at", OffsetDateTime.class), zone),
                inZone(row.get("fetched_at", OffsetDateTime.class), zone),
                inZone(row.get("updated_at", OffsetDateTime.class), zone),
                row.get("summary", String.class),
                row.get("content", String.class),
                tags == null ? List.of() : List.of(tags),
                List.of(),
                row.get("date_origin", String.class));
        return new Row(view, row.get("seq", Long.class));
    }

    private static OffsetDateTime inZone(OffsetDateTime value, ZoneId zone) {
        return value == null ? null : value.atZoneSameInstant(zone).toOffsetDateTime();
    }

    static String contentHash(ExtractedItem item) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {item.title(), item.summary(), item.content()}) {
                digest.update((part == null ? "" : part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
