package io.countywatch.aggregator.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a client may take to send a request's headers, and how many connections one client address may hold; the
 * wait for a request on an idle connection is Spring Boot's {@code server.netty.idle-timeout}.
 *
 * @param requestHeaderTimeout from the connection's opening, or from the first byte of a later request on a kept-alive
 *     connection, to the end of the request's headers; a client trickling header bytes is cut off after it
 * @param maxConnectionsPerAddress connections one client address may hold at once, further ones are closed on arrival;
 *     0 for no cap (behind a reverse proxy every client has the proxy's address)
 */
@ConfigurationProperties("aggregator.server")
record ConnectionProperties(
        @DefaultValue("10s") Duration requestHeaderTimeout,
        @DefaultValue("256") int maxConnectionsPerAddress) {

    public ConnectionProperties {
        if (requestHeaderTimeout.isNegative() || requestHeaderTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "aggregator.server.request-header-timeout must be positive: " + requestHeaderTimeout);
        }
        if (maxConnectionsPerAddress < 0) {
            throw new IllegalArgumentException(
                    "aggregator.server.max-connections-per-address must be 0 (no cap) or more: "
                            + maxConnectionsPerAddress);
        }
    }
}
