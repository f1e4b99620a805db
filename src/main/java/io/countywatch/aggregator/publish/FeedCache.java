package io.countywatch.aggregator.publish;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Rendered feeds by request (scope, format and query), each valid while its scope's version is unchanged. A new
 * version makes the entry useless at once; it is replaced on the next request rather than swept on a timer.
 */
@Component
class FeedCache {

    private final Map<String, RenderedFeed> entries = new ConcurrentHashMap<>();
    private final int capacity;

    FeedCache(FeedProperties properties) {
        this.capacity = Math.max(1, properties.cacheEntries());
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
        if (feed.version() == null) {
            return;
        }
        if (entries.size() >= capacity && !entries.containsKey(key)) {
            // Keys include free-text queries and cursors, so the map must stay bounded; dropping everything is
            // crude but rare (the popular feeds come back on their next request) and needs no bookkeeping per hit.
            entries.clear();
        }
        entries.put(key, feed);
    }

    int size() {
        return entries.size();
    }
}
