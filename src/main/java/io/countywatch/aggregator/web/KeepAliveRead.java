package io.countywatch.aggregator.web;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Asks for the next read once a response has been written, working around a Reactor Netty bug (reactor-netty issue
 * 4361, present in the 1.3.6 this service runs): the server reads on demand, and when a client sends its next request
 * on a kept-alive connection before the previous response's operations have ended (a reader fetching a large feed
 * and then an API page, on loopback), the request is queued and, once answered, nobody asks for the read after it.
 * The connection then sits with the client's next request unread in the socket until the client gives up: measured
 * with 16 kept-alive clients alternating {@code /feeds/all.rss} and {@code /api/items}, every connection stalled
 * within seconds. An extra read is harmless: what it brings goes through Reactor Netty's own handling of pipelined
 * and early requests.
 */
final class KeepAliveRead extends ChannelOutboundHandlerAdapter {

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent) {
            promise = promise.unvoid();
            promise.addListener(written -> {
                if (written.isSuccess() && ctx.channel().isActive()) {
                    // after the tasks already queued, among them Reactor Netty's own end of the response
                    ctx.executor().execute(ctx::read);
                }
            });
        }
        ctx.write(msg, promise);
    }
}
