package io.countywatch.aggregator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.store.items.SourceVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The filter answers current cache entries itself and hands everything else to the controller. The chain stands in
 * for the controller (and so for every query and render): a hit must never reach it.
 */
class CachedFeedFilterTest {

    static final String URL = "http://127.0.0.1:8080/feeds/tag/hubei.atom?limit=20";
    static final byte[] BODY = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>标签 hubei</title></feed>"
            .getBytes(StandardCharsets.UTF_8);

    final FeedProperties properties =
            new FeedProperties(Duration.ofSeconds(60), DataSize.ofMegabytes(1), Duration.ofSeconds(5));
    final FeedCache cache = new FeedCache(properties);
    final AtomicReference<VersionSnapshot> versions = new AtomicReference<>(snapshot(7));
    final CachedFeedFilter filter =
            new CachedFeedFilter(cache, versions::get, new ConditionalGet(properties), () -> false);
    final AtomicInteger passedOn = new AtomicInteger();
    final WebFilterChain controller = exchange -> {
        passedOn.incrementAndGet();
        return Mono.empty();
    };

    static VersionSnapshot snapshot(long version) {
        return VersionSnapshot.of(List.of(
                new SourceVersion("anlu", List.of("hubei"), version),
                new SourceVersion("tongshan", List.of("xianning"), 3)));
    }

    void cacheAtVersion(long version) {
        String token = snapshot(version).token(FeedScope.ofTag("hubei"));
        cache.put(
                URL,
                new CachedFeed(
                        FeedScope.ofTag("hubei"),
                        RenderedFeed.of(token, FeedFormat.ATOM.contentType(), BODY, Instant.EPOCH)));
    }

    MockServerWebExchange filter(MockServerHttpRequest.BaseBuilder<?> request) {
        var exchange = MockServerWebExchange.from(request);
        filter.filter(exchange, controller).block(Duration.ofSeconds(5));
        return exchange;
    }

    @Test
    void answersACurrentEntryWithoutReachingTheController() {
        cacheAtVersion(7);

        var exchange = filter(MockServerHttpRequest.get(URL));

        assertThat(passedOn).hasValue(0);
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("标签 hubei");
    }

    @Test
    void answers304WithoutReachingTheController() {
        cacheAtVersion(7);

        var exchange =
                filter(MockServerHttpRequest.get(URL).header(HttpHeaders.IF_NONE_MATCH, RenderedFeed.strongEtag(BODY)));

        assertThat(passedOn).hasValue(0);
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
    }

    @Test
    void passesOnAnEntryWhoseScopeHasChanged() {
        cacheAtVersion(7);
        versions.set(snapshot(8));

        filter(MockServerHttpRequest.get(URL).header(HttpHeaders.IF_NONE_MATCH, RenderedFeed.strongEtag(BODY)));

        assertThat(passedOn).hasValue(1);
    }

    @Test
    void passesOnWhenNoOtherScopeChangeMatters() {
        cacheAtVersion(7);
        // tongshan is not in hubei: its change leaves the hubei entry current.
        versions.set(VersionSnapshot.of(List.of(
                new SourceVersion("anlu", List.of("hubei"), 7),
                new SourceVersion("tongshan", List.of("xianning"), 9))));

        filter(MockServerHttpRequest.get(URL));

        assertThat(passedOn).hasValue(0);
    }

    @Test
    void passesOnUncachedUrlsOtherMethodsAndUnknownVersions() {
        cacheAtVersion(7);

        filter(MockServerHttpRequest.get(URL + "&q=防汛"));
        filter(MockServerHttpRequest.post(URL));
        filter(MockServerHttpRequest.get("http://127.0.0.1:8080/api/items"));
        versions.set(null);
        filter(MockServerHttpRequest.get(URL));

        assertThat(passedOn).hasValue(4);
    }
}
