package io.countywatch.aggregator.stream;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Sinks;

/**
 * The live events of one client that its socket has not taken yet, at most {@code capacity} of them; one too
 * many and {@link #overflow()} fails at once. At most one write is in flight: whatever arrives meanwhile waits
 * here and leaves as one write when the socket has taken the previous one, so a burst costs a client a few
 * large writes rather than one per event, and a client that stops reading holds only shared frames.
 */
final class ClientBuffer {

    // a write of more parts than this would make the socket layer copy them into one buffer
    private static final int MAX_PARTS = 64;

    private final int capacity;
    private final EventFilter filter;
    private final AtomicInteger pending = new AtomicInteger();
    private final Queue<Frames> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean idle = new AtomicBoolean(true);
    private final Sinks.Empty<Void> overflow = Sinks.empty();
    private volatile LongSupplier seam;
    private volatile FluxSink<Outgoing> out;
    private volatile boolean completed;

    ClientBuffer(int capacity, EventFilter filter) {
        this.capacity = capacity;
        this.filter = filter;
    }

    /** Called on the thread that writes to this client's socket, one batch at a time, in id order. */
    void offer(LiveBatch batch) {
        Frames frames = batch.framesFor(filter);
        if (frames.isEmpty()) {
            return;
        }
        if (pending.addAndGet(frames.count()) > capacity) {
            overflow.tryEmitError(new SlowClientException(
                    frames.events().get(frames.count() - 1).id()));
            return;
        }
        waiting.add(frames);
        pump();
    }

    void complete() {
        completed = true;
        FluxSink<Outgoing> sink = out;
        if (sink != null) {
            sink.complete();
        }
    }

    /**
     * The waiting events with an id after {@code seam} (read when they leave), as writes; subscribed once the
     * backlog is sent, so the seam is fixed by then.
     */
    Flux<Outgoing> drain(LongSupplier seam) {
        // create's sink serializes: the reader thread and the socket's thread may both hand over a write
        return Flux.create(sink -> {
            this.seam = seam;
            this.out = sink;
            if (completed) {
                sink.complete();
            }
            pump();
        });
    }

    /** Never emits; fails when the client fell {@code capacity} events behind. */
    <T> Flux<T> overflow() {
        return overflow.asMono().thenMany(Flux.empty());
    }

    /** Hands everything waiting to the socket as one write, unless a write is still in flight. */
    private void pump() {
        // each side changes state first and checks after, so no wake-up is lost between the two threads
        while (out != null && !waiting.isEmpty() && idle.compareAndSet(true, false)) {
            long after = seam.getAsLong();
            List<ByteBuffer> parts = new ArrayList<>();
            int events = 0;
            Frames frames;
            while (parts.size() < MAX_PARTS && (frames = waiting.poll()) != null) {
                Frames fresh = frames.after(after);
                pending.addAndGet(fresh.count() - frames.count()); // the backlog already sent these
                if (!fresh.isEmpty()) {
                    parts.add(fresh.view());
                    events += fresh.count();
                }
            }
            if (parts.isEmpty()) {
                idle.set(true);
                continue;
            }
            int count = events;
            out.next(new Outgoing(parts, () -> written(count)));
        }
    }

    private void written(int events) {
        pending.addAndGet(-events);
        idle.set(true);
        pump();
    }
}
