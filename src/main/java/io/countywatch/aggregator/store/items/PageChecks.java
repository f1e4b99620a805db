package io.countywatch.aggregator.store.items;

import io.countywatch.aggregator.item.DateOrigin;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Locale;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Which of a source's recent items are due to have their own page read again for edits ({@code recheck:}), and the
 * record of each such reading (table {@code item_page_check}). Only the item's own source re-reads it.
 */
@Repository
public class PageChecks {

    // A re-check window is at most this long (config.SourceBinder), so older checks can never make an item due.
    private static final Duration KEPT = Duration.ofDays(7);

    private final DatabaseClient db;

    public PageChecks(DatabaseClient db) {
        this.db = db;
    }

    /** A stored item as its re-check needs it: what the page is compared with. */
    public record DueItem(
            long seq,
            String guid,
            String url,
            String title,
            OffsetDateTime publishedAt,
            boolean dateHasTime,
            DateOrigin dateOrigin) {}

    /**
     * The source's items first stored within {@code window} before {@code now} whose page was last read (when stored,
     * or at their last check) {@code gap} or more ago, least recently read first, at most {@code limit}.
     */
    public Flux<DueItem> due(String sourceId, Duration window, Duration gap, Instant now, int limit) {
        Instant since = now.minus(window);
        return db.sql("""
                        SELECT i.seq, i.guid, i.url, i.title, i.published_at, i.date_has_time, i.date_origin
                        FROM item i LEFT JOIN item_page_check c ON c.item_seq = i.seq
                        WHERE i.source_id = :source
                          AND i.published_at > :publishedSince
                          AND i.fetched_at > :since
                          AND coalesce(c.checked_at, i.fetched_at) <= :readBefore
                        ORDER BY coalesce(c.checked_at, i.fetched_at), i.seq
                        LIMIT :limit""")
                .bind("source", sourceId)
                // the index on (source_id, published_at) bounds the scan; a list date is a day at midnight, so an
                // item first seen within the window may be dated up to a day before it
                .bind("publishedSince", since.minus(Duration.ofDays(1)))
                .bind("since", since)
                .bind("readBefore", now.minus(gap))
                .bind("limit", limit)
                .map(row -> new DueItem(
                        row.get("seq", Long.class),
                        row.get("guid", String.class),
                        row.get("url", String.class),
                        row.get("title", String.class),
                        row.get("published_at", OffsetDateTime.class),
                        Boolean.TRUE.equals(row.get("date_has_time", Boolean.class)),
                        DateOrigin.valueOf(row.get("date_origin", String.class).toUpperCase(Locale.ROOT))))
                .all();
    }

    /** Records that these items' pages were read at {@code at}, and forgets checks too old to matter. */
    public Mono<Void> record(Collection<Long> seqs, Instant at) {
        if (seqs.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        WITH recorded AS (
                            INSERT INTO item_page_check (item_seq, checked_at)
                            SELECT s.seq, :at FROM unnest(CAST(:seqs AS bigint[])) AS s (seq)
                            -- an item deleted since it was read has nothing left to check
                            WHERE EXISTS (SELECT 1 FROM item WHERE item.seq = s.seq)
                            ON CONFLICT (item_seq) DO UPDATE SET checked_at = EXCLUDED.checked_at)
                        DELETE FROM item_page_check WHERE checked_at < :expired""")
                .bind("at", at)
                .bind("seqs", seqs.toArray(Long[]::new))
                .bind("expired", at.minus(KEPT))
                .then();
    }
}
