package io.countywatch.aggregator.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The new events one read of the log found, in id order. Each distinct filter's frames are picked and joined
 * once, the first time a client with that filter asks, so five thousand clients on the same tag cost one join.
 */
final class LiveBatch {

    private final List<StreamEvent> events;
    private final Map<EventFilter, Frames> byFilter = new ConcurrentHashMap<>();

    LiveBatch(List<StreamEvent> events) {
        this.events = List.copyOf(events);
    }

    /** The frames of the events matching {@code filter}, empty when none does. */
    Frames framesFor(EventFilter filter) {
        return byFilter.computeIfAbsent(filter, this::pick);
    }

    private Frames pick(EventFilter filter) {
        List<StreamEvent> matching = new ArrayList<>(events.size());
        for (StreamEvent event : events) {
            if (filter.matches(event.item())) {
                matching.add(event);
            }
        }
        return Frames.join(matching);
    }
}
