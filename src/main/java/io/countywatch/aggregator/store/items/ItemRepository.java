package io.countywatch.aggregator.store.items;

import io.countywatch.aggregator.db.ReadDatabase;
import io.countywatch.aggregator.item.AlsoAt;
import io.countywatch.aggregator.item.ItemView;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Reads items from PostgreSQL: pages for the API and feeds (from the {@link ReadDatabase}, a replica when one is
 * configured), and which URLs a source has already (from the primary: the poller acts on it). Items are written
 * only through {@link StoryRepository}, which deduplicates them.
 */
@Repository
public class ItemRepository {

    private static final String ALSO_AT = """
            SELECT a.item_seq, a.source_id, a.url, s.tags FROM item_also_at a JOIN source s ON s.id = a.source_id
            WHERE a.item_seq = ANY(CAST(:seqs AS bigint[])) ORDER BY a.found_at, a.id""";

    private final DatabaseClient db;
    private final DatabaseClient reads;

    public ItemRepository(DatabaseClient db, ReadDatabase reads) {
        this.db = db;
        this.reads = reads.client();
    }

    /**
     * Which of these canonical URLs this source has stored already, as an item's own address or as one of its other
     * places (alsoAt), each with the item's date origin ("source", "detail", "fetched") and its title as stored: the
     * poller fetches detail pages only for the others, and for a listed title that differs from the stored one.
     */
    public Mono<java.util.Map<String, KnownUrl>> findKnown(String sourceId, java.util.Collection<String> urls) {
        if (urls.isEmpty()) {
            return Mono.just(java.util.Map.of());
        }
        return db.sql("""
                        SELECT url, date_origin, title FROM item WHERE source_id = :source AND url = ANY(:urls)
                        UNION ALL
                        SELECT a.url, i.date_origin, i.title FROM item_also_at a JOIN item i ON i.seq = a.item_seq
                        WHERE a.source_id = :source AND a.url = ANY(:urls)""")
                .bind("source", sourceId)
                .bind("urls", urls.toArray(String[]::new))
                .map(row -> new KnownUrl(
                        row.get("url", String.class),
                        row.get("date_origin", String.class),
                        row.get("title", String.class)))
                .all()
                .collectMap(KnownUrl::url, k -> k, java.util.HashMap::new);
    }

    /** A URL a source has stored: the item's date origin and title. */
    public record KnownUrl(String url, String dateOrigin, String title) {}

    /** One page of items, newest first by published time, each with its other places ({@code alsoAt}). */
    public Mono<ItemPage> findPage(ItemQuery query) {
        ItemSql sql = ItemSql.page(query);
        return sql.bindTo(reads).map(ItemRepository::row).all().collectList().flatMap(rows -> {
            boolean more = rows.size() > query.limit();
            List<Row> page = more ? rows.subList(0, query.limit()) : rows;
            ItemCursor next = more
                    ? new ItemCursor(
                            page.get(page.size() - 1).view().publishedAt().toInstant(),
                            page.get(page.size() - 1).seq())
                    : null;
            return alsoAt(reads, page).map(places -> {
                List<ItemView> items = new ArrayList<>(page.size());
                page.forEach(r -> items.add(withAlsoAt(r.view(), places.getOrDefault(r.seq(), Places.NONE))));
                return new ItemPage(items, next);
            });
        });
    }

    /**
     * The other places of each item of the page, by item row, with the tags of the sources at those places; also
     * used for SSE events.
     */
    static Mono<Map<Long, Places>> alsoAt(DatabaseClient db, List<Row> page) {
        if (page.isEmpty()) {
            return Mono.just(Map.of());
        }
        Long[] seqs = page.stream().map(Row::seq).toArray(Long[]::new);
        return db.sql(ALSO_AT)
                .bind("seqs", seqs)
                .map(row -> {
                    String[] tags = row.get("tags", String[].class);
                    return Map.entry(
                            row.get("item_seq", Long.class),
                            new Places(
                                    List.of(new AlsoAt(
                                            row.get("source_id", String.class), row.get("url", String.class))),
                                    tags == null ? List.of() : List.of(tags)));
                })
                .all()
                .collect(
                        HashMap::new,
                        (Map<Long, Places> map, Map.Entry<Long, Places> e) ->
                                map.merge(e.getKey(), e.getValue(), Places::plus));
    }

    /** An item's other places, in the order found, and the tags of their sources. */
    record Places(List<AlsoAt> places, List<String> tags) {
        static final Places NONE = new Places(List.of(), List.of());

        Places plus(Places more) {
            List<AlsoAt> p = new ArrayList<>(places);
            p.addAll(more.places);
            List<String> t = new ArrayList<>(tags);
            more.tags.stream().filter(tag -> !t.contains(tag)).forEach(t::add);
            return new Places(p, t);
        }
    }

    /**
     * The item with its other places; its tags are those of every source that lists it (its own first), so that a
     * tag's feed and stream, which hold the items of the tag's sources, show the tag on each of them.
     */
    static ItemView withAlsoAt(ItemView v, Places places) {
        if (places.places().isEmpty()) {
            return v;
        }
        List<String> tags = new ArrayList<>(v.tags());
        places.tags().stream().filter(t -> !tags.contains(t)).forEach(tags::add);
        return new ItemView(
                v.id(),
                v.title(),
                v.url(),
                v.sourceId(),
                v.sourceName(),
                v.publishedAt(),
                v.fetchedAt(),
                v.updatedAt(),
                v.summary(),
                v.content(),
                tags,
                places.places(),
                v.dateOrigin());
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
}
