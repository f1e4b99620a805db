package io.countywatch.aggregator.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.support.FixtureWeb;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The fetcher against a real loopback server that misbehaves in every way a county site has. */
class PageFetcherIT {

    static final FixtureWeb web = FixtureWeb.start();
    static final String UA = "CountyWatchAggregator/0.1 (+https://github.com/countywatch/aggregator)";
    static final byte[] PAGE = "<html><body><ul><li>通知</li></ul></body></html>".getBytes(StandardCharsets.UTF_8);

    @AfterAll
    static void stop() {
        web.close();
    }

    static FetchProperties limits(Duration spacing, boolean blockPrivate) {
        return new FetchProperties(
                1,
                spacing,
                1,
                spacing,
                64,
                Duration.ofMinutes(10),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Duration.ofHours(24),
                blockPrivate);
    }

    static FetchRequest request(URI url, String userAgent, Duration timeout) {
        return new FetchRequest(url, userAgent, timeout, null, null, FetchRequest.DEFAULT_MAX_BYTES, true, null);
    }

    static PageFetcher fetcher() {
        return new PageFetcher(limits(Duration.ZERO, false), new SimpleMeterRegistry());
    }

    static FetchResult get(PageFetcher fetcher, String path, Duration timeout, boolean robots) {
        FetchRequest request = new FetchRequest(
                URI.create(web.url(path)), UA, timeout, null, null, FetchRequest.DEFAULT_MAX_BYTES, robots, null);
        return fetcher.fetch(request).block(Duration.ofSeconds(60));
    }

    static FetchResult get(String path) {
        return get(fetcher(), path, Duration.ofSeconds(10), true);
    }

    static FetchResult.Failed failed(FetchResult result) {
        assertThat(result).isInstanceOf(FetchResult.Failed.class);
        return (FetchResult.Failed) result;
    }

    @Test
    void honoursRobotsTxtAndAsksForItOncePerOrigin() {
        // robots.txt is per origin: this test has a server of its own
        try (FixtureWeb site = FixtureWeb.start()) {
            site.serve(
                            "/robots.txt",
                            "text/plain",
                            "User-agent: *\nDisallow: /private/\n".getBytes(StandardCharsets.UTF_8))
                    .serve("/private/list.html", "text/html", PAGE)
                    .serve("/news/list.html", "text/html", PAGE);
            PageFetcher fetcher = fetcher();
            FetchRequest denied = request(URI.create(site.url("/private/list.html")), UA, Duration.ofSeconds(5));
            FetchRequest allowed = request(URI.create(site.url("/news/list.html")), UA, Duration.ofSeconds(5));

            assertThat(failed(fetcher.fetch(denied).block()).reason())
                    .contains("robots.txt")
                    .contains("/private/list.html");
            assertThat(fetcher.fetch(allowed).block()).isInstanceOf(FetchResult.Fetched.class);
            assertThat(site.requests("/private/list.html")).isZero();
            assertThat(site.requests("/robots.txt")).isEqualTo(1);

            FetchRequest optedOut =
                    new FetchRequest(denied.url(), UA, denied.timeout(), null, null, 1 << 20, false, null);
            assertThat(fetcher.fetch(optedOut).block()).isInstanceOf(FetchResult.Fetched.class);
        }
    }

    @Test
    void keepsOneRequestPerHostAtATimeWithSpacedStarts() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        List<Long> starts = new CopyOnWriteArrayList<>();
        web.route("/polite.html", (request, response) -> {
            starts.add(System.nanoTime());
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            return response.header("Content-Type", "text/html")
                    .sendByteArray(Mono.delay(Duration.ofMillis(50)).map(tick -> PAGE))
                    .then()
                    .doFinally(signal -> inFlight.decrementAndGet());
        });
        PageFetcher fetcher = new PageFetcher(limits(Duration.ofMillis(200), false), new SimpleMeterRegistry());
        List<FetchResult> results = Flux.range(0, 5)
                .flatMap(i ->
                        fetcher.fetch(request(URI.create(web.url("/polite.html?" + i)), UA, Duration.ofSeconds(5))))
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(results).hasSize(5).allMatch(r -> r instanceof FetchResult.Fetched);
        assertThat(maxInFlight.get()).isEqualTo(1);
        // spacing counts from the previous answer, so the site itself sees the gaps, whatever the client's delays
        for (int i = 1; i < starts.size(); i++) {
            assertThat(starts.get(i) - starts.get(i - 1))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
        }
    }

    @Test
    void refusesPrivateAddressesWhenAsked() {
        web.serve("/inside.html", "text/html", PAGE);
        int before = web.requests("/inside.html");
        PageFetcher blocking = new PageFetcher(limits(Duration.ZERO, true), new SimpleMeterRegistry());
        FetchResult.Failed refused = failed(get(blocking, "/inside.html", Duration.ofSeconds(5), false));
        assertThat(refused.reason()).contains("private address 127.0.0.1");
        assertThat(web.requests("/inside.html")).isEqualTo(before);
    }

    @Test
    void cutsASlowDripBodyAtTheWholeResponseDeadline() {
        web.route(
                "/drip.html",
                (request, response) -> response.header("Content-Type", "text/html")
                        .sendString(Flux.interval(Duration.ofSeconds(2))
                                .map(i -> "x")
                                .take(100)));
        assertThat(failed(get(fetcher(), "/drip.html", Duration.ofSeconds(3), false))
                        .reason())
                .isEqualTo("timed out after 3 s (no complete answer)");
    }

    @Test
    void cutsABodyOverTheLimit() {
        web.route(
                "/huge.html",
                (request, response) -> response.header("Content-Type", "text/html")
                        .sendByteArray(Flux.range(0, 30 * 16).map(i -> new byte[64 * 1024])));
        assertThat(failed(get("/huge.html")).reason()).isEqualTo("body larger than 10485760 bytes");
    }

    @Test
    void catchesARedirectLoop() {
        web.route("/loop/a", (request, response) -> response.sendRedirect(web.url("/loop/b")))
                .route("/loop/b", (request, response) -> response.sendRedirect("/loop/a"));
        assertThat(failed(get("/loop/a")).reason()).startsWith("redirect loop at ");
    }

    @Test
    void followsAtMostFiveRedirects() {
        for (int i = 0; i < 7; i++) {
            String next = "/hop/" + (i + 1);
            web.route("/hop/" + i, (request, response) -> response.sendRedirect(next));
        }
        assertThat(failed(get("/hop/0")).reason()).isEqualTo("more than 5 redirects");
        assertThat(web.requests("/hop/6")).isZero();
    }

    @Test
    void reportsAConnectionResetMidBody() {
        web.route(
                "/reset.html",
                (request, response) -> response.header("Content-Type", "text/html")
                        .header("Content-Length", "100000")
                        // an error in the body publisher makes the server drop the connection mid-body
                        .sendString(Flux.concat(
                                Mono.just("<html><body>县政府"), Mono.error(new java.io.IOException("fixture: reset")))));
        FetchResult.Failed failed = failed(get("/reset.html"));
        assertThat(failed.status()).isZero();
        assertThat(failed.reason()).isEqualTo("127.0.0.1 closed the connection before the answer was complete");
    }

    @Test
    void saysInWordsThatTheConnectionWasRefused() throws Exception {
        int closed;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        var request = request(URI.create("http://127.0.0.1:" + closed + "/list.html"), UA, Duration.ofSeconds(5));
        FetchResult.Failed failed = failed(fetcher().fetch(request).block(Duration.ofSeconds(30)));
        assertThat(failed.status()).isZero();
        assertThat(failed.reason()).isEqualTo("connection refused by 127.0.0.1:" + closed);
    }

    @Test
    void refusesAPdf() {
        web.serve("/report.pdf", "application/pdf", "%PDF-1.7".getBytes(StandardCharsets.US_ASCII));
        assertThat(failed(get("/report.pdf")).reason()).isEqualTo("unexpected content type application/pdf");
    }

    @Test
    void passesOnRetryAfterOf429And503() {
        web.route(
                "/busy",
                (request, response) ->
                        response.status(429).header("Retry-After", "120").send());
        web.route(
                "/down",
                (request, response) ->
                        response.status(503).header("Retry-After", "30").send());
        FetchResult.Failed busy = failed(get("/busy"));
        assertThat(busy.status()).isEqualTo(429);
        assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(busy.reason()).isEqualTo("HTTP 429, retry after 120 s");
        assertThat(failed(get("/down")).retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void hashesTheBodySoThatAnUnchangedPageIsRecognised() {
        web.serve("/same.html", "text/html", PAGE);
        PageFetcher fetcher = fetcher();
        var first = (FetchResult.Fetched) get(fetcher, "/same.html", Duration.ofSeconds(5), false);
        var second = (FetchResult.Fetched) get(fetcher, "/same.html", Duration.ofSeconds(5), false);
        assertThat(first.bodyHash()).hasSize(64).isEqualTo(second.bodyHash());
    }
}
