package io.countywatch.aggregator.web;

import io.countywatch.aggregator.db.RepeatedErrorLog;
import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Defends the server's file descriptors against slow and greedy clients: every connection gets a {@link HeaderDeadline}
 * (the whole request head within {@code request-header-timeout}, however slowly its bytes trickle in) and is counted
 * against its client address, beyond {@code max-connections-per-address} closed on arrival. A streaming response
 * such as {@code /stream} is unaffected: the deadline ends once the request head is in. It also installs {@link
 * KeepAliveRead}, which keeps kept-alive connections reading (a Reactor Netty bug), in the same pipeline.
 */
@Component
@EnableConfigurationProperties(ConnectionProperties.class)
class ConnectionGuard implements NettyServerCustomizer {

    private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);
    // A drill or an attack closes thousands of connections the same way: one line a minute, with the count.
    private static final RepeatedErrorLog closedLate =
            new RepeatedErrorLog(log, Duration.ofMinutes(1), Clock.systemUTC());

    private final ConnectionProperties properties;
    private final ConcurrentHashMap<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();

    ConnectionGuard(ConnectionProperties properties) {
        this.properties = properties;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        // the address Reactor Netty passes is null on the server side; the accepted channel knows its peer
        return server.doOnChannelInit((observer, channel, ignored) -> guard(channel, channel.remoteAddress()));
    }

    private void guard(Channel channel, SocketAddress remote) {
        if (remote instanceof InetSocketAddress address && !admit(address.getAddress())) {
            log.debug("closing a connection from {}: over {} at once", address, properties.maxConnectionsPerAddress());
            channel.close();
            return;
        }
        HeaderDeadline deadline = new HeaderDeadline(properties.requestHeaderTimeout(), closedLate);
        if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
            channel.pipeline()
                    .addFirst(deadline.bytes())
                    .addAfter(NettyPipeline.HttpCodec, null, deadline.requests())
                    .addAfter(NettyPipeline.HttpCodec, null, new KeepAliveRead());
        }
        if (remote instanceof InetSocketAddress address && properties.maxConnectionsPerAddress() > 0) {
            channel.closeFuture().addListener(closed -> release(address.getAddress()));
        }
    }

    private boolean admit(InetAddress address) {
        int cap = properties.maxConnectionsPerAddress();
        if (cap == 0) {
            return true;
        }
        int count = open.computeIfAbsent(address, key -> new AtomicInteger()).incrementAndGet();
        if (count > cap) {
            release(address);
            return false;
        }
        return true;
    }

    private void release(InetAddress address) {
        open.computeIfPresent(address, (key, count) -> count.decrementAndGet() == 0 ? null : count);
    }
}
