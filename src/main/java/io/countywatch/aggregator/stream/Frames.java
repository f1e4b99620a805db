package io.countywatch.aggregator.stream;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The SSE frames of consecutive live events, joined into one read-only buffer outside the heap. One is made per
 * read of the log and per distinct filter, and every client with that filter writes the same bytes: no copy per
 * client, and one socket write carries the whole batch.
 */
record Frames(List<StreamEvent> events, ByteBuffer bytes) {

    static final Frames NONE = new Frames(List.of(), ByteBuffer.allocate(0));

    static Frames join(List<StreamEvent> events) {
        if (events.isEmpty()) {
            return NONE;
        }
        int size = 0;
        for (StreamEvent event : events) {
            size += event.frame().length;
        }
        // direct, so the socket can take it as it is (Netty copies heap buffers into direct ones per write)
        ByteBuffer bytes = ByteBuffer.allocateDirect(size);
        for (StreamEvent event : events) {
            bytes.put(event.frame());
        }
        return new Frames(List.copyOf(events), bytes.flip().asReadOnlyBuffer());
    }

    int count() {
        return events.size();
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    /** The events with an id after {@code seam}: these same frames when all are, else a new join of the rest. */
    Frames after(long seam) {
        if (isEmpty() || events.get(0).id() > seam) {
            return this;
        }
        return join(events.stream().filter(e -> e.id() > seam).toList());
    }

    /** The bytes for one write: a view of its own, so clients sharing these frames never move each other's position. */
    ByteBuffer view() {
        return bytes.duplicate();
    }
}
