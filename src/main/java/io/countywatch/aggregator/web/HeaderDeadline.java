package io.countywatch.aggregator.web;

import io.countywatch.aggregator.db.RepeatedErrorLog;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One connection's deadline for a request head. It starts when the connection opens, and on a kept-alive connection
 * with the first byte of the next request (the wait before that byte is the idle timeout's); it ends when the HTTP
 * codec has decoded the head. Two handlers share it: {@link #bytes()} before the codec sees raw bytes arrive,
 * {@link #requests()} after it sees heads decoded and responses finished. All on the channel's event loop.
 */
final class HeaderDeadline {

    private final long nanos;
    private final RepeatedErrorLog closed;
    private ScheduledFuture<?> timer;
    private boolean betweenRequests; // a response has ended and no byte of the next request has come

    HeaderDeadline(Duration timeout, RepeatedErrorLog closed) {
        this.nanos = timeout.toNanos();
        this.closed = closed;
    }

    ChannelHandler bytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                start(ctx);
                ctx.fireChannelActive();
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (betweenRequests && msg instanceof ByteBuf bytes && bytes.isReadable()) {
                    betweenRequests = false;
                    start(ctx);
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                stop();
                ctx.fireChannelInactive();
            }
        };
    }

    ChannelHandler requests() {
        return new ChannelDuplexHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest) {
                    stop();
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (msg instanceof LastHttpContent) {
                    promise = promise.unvoid();
                    promise.addListener(written -> betweenRequests = true);
                }
                ctx.write(msg, promise);
            }
        };
    }

    private void start(ChannelHandlerContext ctx) {
        stop();
        timer = ctx.executor().schedule(() -> close(ctx), nanos, TimeUnit.NANOSECONDS);
    }

    private void close(ChannelHandlerContext ctx) {
        closed.warn(
                "closed a connection whose request head did not arrive within "
                        + Duration.ofNanos(nanos).toSeconds() + " s",
                new TimeoutException("no complete request head"));
        ctx.channel().close();
    }

    private void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
