package io.countywatch.aggregator.support;

import io.countywatch.aggregator.item.DateOrigin;
import io.countywatch.aggregator.item.ExtractedItem;
import io.countywatch.aggregator.poll.Ingestion;
import io.countywatch.aggregator.store.items.NewItem;
import io.countywatch.aggregator.store.items.StoreOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Writes sources and items into the database of a running application so that tests can watch the events that
 * follow. Items go through the poller's own write path ({@link Ingestion}: dedupe, then the store), the way a
 * poller of any instance would write them; only {@link #storeMany} bulk-inserts rows for volume tests.
 */
public final class LiveItems {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private final DatabaseClient db;
    private final Ingestion ingestion;

    public LiveItems(ApplicationContext context) {
        this.db = context.getBean(DatabaseClient.class);
        this.ingestion = Ingestion.of(context);
    }

    public LiveItems source(String id, String name, String... tags) {
        db.sql("""
                INSERT INTO source (id, name, url, tags, interval_seconds)
                VALUES (:id, :name, :url, :tags, 600) ON CONFLICT (id) DO NOTHING""")
                .bind("id", id)
                .bind("name", name)
                .bind("url", "http://127.0.0.1:9/" + id + "/")
                .bind("tags", tags)
                .then()
                .block(Duration.ofSeconds(10));
        return this;
    }

    /** Stores a new item (or changes the one at the same URL) and returns its outcome. */
    public StoreOutcome store(String sourceId, String url, String title, String summary) {
        ExtractedItem item = new ExtractedItem(
                null,
                url,
                title,
                summary,
                null,
                OffsetDateTime.of(2026, 11, 29, 9, 30, 0, 0, ZoneOffset.ofHours(8)),
                true);
        return ingestion.store(new NewItem(sourceId, item, DateOrigin.SOURCE, Instant.now(), null));
    }

    /**
     * Stores a new item with a unique URL. Fails when deduplication finds it to be a stored story: every caller
     * means a new item (one {@code item} event), so a merge would be a mistake in the test's titles.
     */
    public StoreOutcome store(String sourceId, String title) {
        int n = NEXT.incrementAndGet();
        StoreOutcome outcome =
                store(sourceId, "http://127.0.0.1:9/" + sourceId + "/art/" + n + ".html", title, title + "。摘要");
        if (!(outcome instanceof StoreOutcome.Inserted)) {
            throw new IllegalStateException("\"" + title + "\" of " + sourceId + " was not stored as new: " + outcome);
        }
        return outcome;
    }

    /** Inserts {@code count} items in one statement (one event each), with {@code padding} characters of text. */
    // The padding goes into content, which carries no index: summaries are at most ~300 characters in the
    // service, and the summary's bigram index would spend minutes on 10,000-character ones.
    public void storeMany(String sourceId, int count, int padding) {
        db.sql("""
                INSERT INTO item (source_id, url, title, content, published_at, date_origin, fetched_at, updated_at,
                                  content_hash)
                SELECT :source, 'http://127.0.0.1:9/bulk/' || :batch || '/' || n || '.html',
                       '批量稿件 ' || n, repeat('文', :padding), now(), 'fetched', now(), now(), md5(n::text)
                FROM generate_series(1, :count) AS n""")
                .bind("source", sourceId)
                .bind("batch", NEXT.incrementAndGet())
                .bind("padding", padding)
                .bind("count", count)
                .then()
                .block(Duration.ofSeconds(60));
    }

    /** Every event id in the log after {@code after}, in order. */
    public List<Long> eventIdsAfter(long after) {
        return db.sql("SELECT id FROM item_event WHERE id > :after ORDER BY id")
                .bind("after", after)
                .map(row -> row.get("id", Long.class))
                .all()
                .collectList()
                .block(Duration.ofSeconds(10));
    }

    public DatabaseClient db() {
        return db;
    }
}
