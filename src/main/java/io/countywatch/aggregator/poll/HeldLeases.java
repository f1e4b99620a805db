package io.countywatch.aggregator.poll;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The site keys and sources this instance is working on right now, which the lease heartbeat renews. Renewing every
 * row the instance owns instead kept a lease alive for as long as the instance ran once the work under it had ended
 * without giving it back: a poll whose outcome could not be written (the database's disk full) left its source and
 * site leased, and they were never polled again, by this instance or another, even after the disk had room. Now such
 * a lease lapses within a lease time and the source is polled again.
 */
@Component
class HeldLeases {

    private final ConcurrentHashMap<String, AtomicInteger> keys = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> sources = new ConcurrentHashMap<>();

    void holdKey(String key) {
        hold(keys, key);
    }

    void releaseKey(String key) {
        release(keys, key);
    }

    void holdSource(String sourceId) {
        hold(sources, sourceId);
    }

    void releaseSource(String sourceId) {
        release(sources, sourceId);
    }

    List<String> keys() {
        return List.copyOf(keys.keySet());
    }

    List<String> sources() {
        return List.copyOf(sources.keySet());
    }

    // counted: a poll now may hold a key that a round of this instance holds too
    private static void hold(ConcurrentHashMap<String, AtomicInteger> held, String name) {
        held.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
    }

    private static void release(ConcurrentHashMap<String, AtomicInteger> held, String name) {
        held.computeIfPresent(name, (n, count) -> count.decrementAndGet() <= 0 ? null : count);
    }
}
