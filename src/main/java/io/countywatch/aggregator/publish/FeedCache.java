package io.countywatch.aggregator.publish;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Rendered feeds by request URL (scope, format and query), each valid while its scope's version is unchanged. A new
 * version makes the entry useless at once; it is replaced on the next request rather than swept on a timer.
 */
@Component
class FeedCache {

    private final Map<String, CachedFeed> entries = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final long capacity;

    FeedCache(FeedProperties properties) {
        this.capacity = Math.max(1, properties.cacheSize().toBytes());
    }

    /**
     * The cached rendering for this key if its scope's version in the snapshot is the one it was rendered at; null
     * otherwise, and always null without a snapshot. The entry knows its scope, so callers need not parse the URL.
     */
    CachedFeed find(String key, VersionSnapshot snapshot) {
        if (snapshot == null) {
            return null;
        }
        CachedFeed cached = entries.get(key);
        return cached != null && cached.version() != null && cached.version().equals(snapshot.token(cached.scope()))
                ? cached
                : null;
    }

    /**
     * The last rendering for this key whatever its version: what a reader gets, marked stale, while the database
     * cannot be reached to render a current one.
     */
    CachedFeed findLast(String key) {
        return entries.get(key);
    }

    void put(String key, CachedFeed feed) {
        if (feed.version() == null || feed.size() > capacity / 4) {
            return;
        }
        if (bytes.get() + feed.size() > capacity) {
            // Keys include free-text queries and cursors, so the cache must stay bounded; dropping everything is
            // crude but rare (popular feeds come back on their next request) and costs nothing per hit, unlike
            // keeping an LRU order. The byte count may drift under concurrent puts; clearing resets it.
            entries.clear();
            bytes.set(0);
        }
        CachedFeed replaced = entries.put(key, feed);
        bytes.addAndGet(feed.size() - (replaced == null ? 0 : replaced.size()));
    }
}
