package io.countywatch.aggregator.publish;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Rendered feeds by request (scope, format and query), each valid while its scope's version is unchanged. A new
 * version makes the entry useless at once; it is replaced on the next request rather than swept on a timer.
 */
@Component
class FeedCache {

    private final Map<String, RenderedFeed> entries = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final long capacity;

    FeedCache(FeedProperties properties) {
        this.capacity = Math.max(1, properties.cacheSize().toBytes());
    }

    /** The cached rendering for this key if it was made at this version; null otherwise. */
    RenderedFeed find(String key, String version) {
        if (version == null) {
            return null;
        }
        RenderedFeed cached = entries.get(key);
        return cached != null && version.equals(cached.version()) ? cached : null;
    }

    void put(String key, RenderedFeed feed) {
        if (feed.version() == null || feed.body().length > capacity / 4) {
            return;
        }
        if (bytes.get() + feed.body().length > capacity) {
            // Keys include free-text queries and cursors, so the cache must stay bounded; dropping everything is
            // crude but rare (popular feeds come back on their next request) and costs nothing per hit, unlike
            // keeping an LRU order. The byte count may drift under concurrent puts; clearing resets it.
            entries.clear();
            bytes.set(0);
        }
        RenderedFeed replaced = entries.put(key, feed);
        bytes.addAndGet(feed.body().length - (replaced == null ? 0 : replaced.body().length));
    }

    int size() {
        return entries.size();
    }
}
