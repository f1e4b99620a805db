package io.countywatch.aggregator.fetch;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Fails a connect to a private address. It sits in the channel pipeline, so it sees the address after name
 * resolution, on every connection (redirects included): a public name that resolves to 10.0.0.1 is refused too.
 */
@ChannelHandler.Sharable
final class PrivateAddressGuard extends ChannelOutboundHandlerAdapter {

    @Override
    public void connect(ChannelHandlerContext ctx, SocketAddress remote, SocketAddress local, ChannelPromise promise) {
        if (remote instanceof InetSocketAddress address
                && address.getAddress() != null
                && PrivateAddresses.isPrivate(address.getAddress())) {
            promise.setFailure(new Refused(address));
            return;
        }
        ctx.connect(remote, local, promise);
    }

    /** The connect that was refused, and why. */
    static final class Refused extends java.net.ConnectException {
        Refused(InetSocketAddress remote) {
            super("refused private address " + remote.getAddress().getHostAddress() + " (block-private-networks)");
        }
    }
}
