package io.countywatch.aggregator.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The live events waiting for one client, at most {@code capacity} of them. The live reader hands over a whole
 * batch (all that one read of the log found) in one call, so a burst costs it one call per client per batch
 * rather than per event; the events leave one by one, so what the server's write queue holds is counted in
 * events too. One event too many and {@link #overflow()} fails at once, without waiting behind the queue.
 */
final class ClientBuffer {

    private final int capacity;
    private final EventFilter filter;
    private final AtomicInteger pending = new AtomicInteger();
    private final Sinks.Many<List<StreamEvent>> queue = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.Empty<Void> overflow = Sinks.empty();

    ClientBuffer(int capacity, EventFilter filter) {
        this.capacity = capacity;
        this.filter = filter;
    }

    /** Called by the live reader, one batch at a time, never concurrently. */
    void offer(List<StreamEvent> batch) {
        List<StreamEvent> matching = new ArrayList<>(batch.size());
        for (StreamEvent event : batch) {
            if (filter.matches(event.item())) {
                matching.add(event);
            }
        }
        if (matching.isEmpty()) {
            return;
        }
        if (pending.addAndGet(matching.size()) > capacity) {
            overflow.tryEmitError(new SlowClientException(matching.get(matching.size() - 1).id()));
            return;
        }
        queue.tryEmitNext(matching);
    }

    void complete() {
        queue.tryEmitComplete();
    }

    /** The queued events with an id after {@code seam} (read as they leave), as SSE frames. */
    Flux<byte[]> drain(LongSupplier seam) {
        // prefetch 1: batches stay in the counted queue until the writer is ready for them
        return queue.asFlux().concatMapIterable(batch -> {
            pending.addAndGet(-batch.size());
            long after = seam.getAsLong();
            return batch.stream().filter(e -> e.id() > after).map(StreamEvent::frame).toList();
        }, 1);
    }

    /** Never emits; fails when the client fell {@code capacity} events behind. */
    <T> Flux<T> overflow() {
        return overflow.asMono().thenMany(Flux.empty());
    }
}
