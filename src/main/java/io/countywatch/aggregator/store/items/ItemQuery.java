package io.countywatch.aggregator.store.items;

import java.time.Instant;

/**
 * Which items to read, newest first. Every filter is optional (null).
 *
 * @param cursor where the previous page ended ({@link ItemCursor#encode()}), or null for the first page
 */
public record ItemQuery(String sourceId, String tag, String keyword, Instant since, int limit, ItemCursor cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public ItemQuery {
        limit = Math.max(1, Math.min(limit, MAX_LIMIT));
    }
}
