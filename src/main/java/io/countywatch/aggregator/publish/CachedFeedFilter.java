package io.countywatch.aggregator.publish;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers a feed request from the cache, full or 304, before handler mapping: a feed reader's repeated poll costs
 * a map lookup and a comparison with the in-memory version, with no annotated-controller dispatch (mapping, argument
 * resolution, result handling), no query and no rendering. Anything it cannot answer goes on to {@link FeedController}.
 */
@Component
class CachedFeedFilter implements WebFilter {

    private final FeedCache cache;
    private final Supplier<VersionSnapshot> versions;
    private final ConditionalGet responder;
    private final BooleanSupplier outOfDate;

    @Autowired
    CachedFeedFilter(FeedCache cache, FeedVersions versions, ConditionalGet responder) {
        this(cache, versions::current, responder, versions::outOfDate);
    }

    CachedFeedFilter(
            FeedCache cache, Supplier<VersionSnapshot> versions, ConditionalGet responder, BooleanSupplier outOfDate) {
        this.cache = cache;
        this.versions = versions;
        this.responder = responder;
        this.outOfDate = outOfDate;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        HttpMethod method = request.getMethod();
        if ((method == HttpMethod.GET || method == HttpMethod.HEAD)
                && request.getPath().value().startsWith("/feeds/")) {
            // The same key FeedController stores under: the full request URL, which the bytes carry.
            CachedFeed cached = cache.find(request.getURI().toString(), versions.get());
            if (cached != null) {
                // the versions could not be read lately (database unreachable): current as far as we know, maybe not
                return outOfDate.getAsBoolean()
                        ? responder.sendStale(exchange, cached)
                        : responder.send(exchange, cached);
            }
        }
        return chain.filter(exchange);
    }
}
