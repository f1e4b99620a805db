package io.countywatch.aggregator.stream;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One write to a stream's socket: one or more buffers of SSE frames, and what to call once the socket has taken
 * them all (the client's buffer counts its events until then).
 */
record Outgoing(List<ByteBuffer> parts, Runnable written) {

    private static final Runnable NOTHING = () -> {};

    /** A frame that no buffer counts: the greeting, a heartbeat, replayed events. */
    static Outgoing of(byte[] frame) {
        return new Outgoing(List.of(ByteBuffer.wrap(frame)), NOTHING);
    }
}
