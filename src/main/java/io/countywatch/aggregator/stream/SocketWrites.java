package io.countywatch.aggregator.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.concurrent.Executor;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Turns an {@link Outgoing} into the server's buffer type. On Netty the shared frames go out without a copy, and
 * the write reports back when the socket has taken its bytes: Netty releases a buffer exactly then.
 */
final class SocketWrites {

    private SocketWrites() {}

    /**
     * The thread that writes to this response's socket (its Netty event loop), so live events can be handed to
     * the client there and written at once; on another server, the caller's thread.
     */
    static Executor writerOf(ServerHttpResponse response) {
        Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
        Executor[] writer = {Runnable::run};
        if (nativeResponse instanceof HttpServerResponse netty) {
            netty.withConnection(connection -> writer[0] = connection.channel().eventLoop());
        }
        return writer[0];
    }

    static DataBuffer toBuffer(Outgoing outgoing, DataBufferFactory buffers) {
        if (buffers instanceof NettyDataBufferFactory netty) {
            List<ByteBuf> parts =
                    outgoing.parts().stream().map(Unpooled::wrappedBuffer).toList();
            return netty.wrap(new ReportingBuffer(netty.getByteBufAllocator(), parts, outgoing.written()));
        }
        // another server: no release to watch, so the events count as written once handed over
        DataBuffer joined =
                buffers.join(outgoing.parts().stream().map(buffers::wrap).toList());
        outgoing.written().run();
        return joined;
    }

    /** Views of shared frames that runs {@code written} when Netty releases it, after the socket write. */
    private static final class ReportingBuffer extends CompositeByteBuf {

        private final Runnable written;

        ReportingBuffer(ByteBufAllocator allocator, List<ByteBuf> parts, Runnable written) {
            // as many components as parts: more parts than the limit would be copied into one
            super(allocator, true, parts.size() + 1, parts);
            this.written = written;
        }

        @Override
        protected void deallocate() {
            super.deallocate();
            written.run();
        }
    }
}
