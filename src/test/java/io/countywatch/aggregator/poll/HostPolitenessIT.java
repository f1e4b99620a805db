package io.countywatch.aggregator.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.config.SourcesConfig;
import io.countywatch.aggregator.config.SourcesFileLoader;
import io.countywatch.aggregator.fetch.FetchProperties;
import io.countywatch.aggregator.fetch.FetchRequest;
import io.countywatch.aggregator.fetch.FetchResult;
import io.countywatch.aggregator.fetch.HostLimits;
import io.countywatch.aggregator.fetch.PageFetcher;
import io.countywatch.aggregator.support.FixtureWeb;
import io.countywatch.aggregator.support.HeldPages;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Per-source politeness through the real fetcher against loopback sites, measured by the sites themselves: the
 * requests in flight at once and the gaps between request arrivals per host, under the limits the sources file gives
 * (looser than the application properties in one test, stricter in the other, so only the sources' limits explain
 * what the sites see).
 */
class HostPolitenessIT {

    static final FixtureWeb overlapping = FixtureWeb.start("127.0.0.21");
    static final FixtureWeb spaced = FixtureWeb.start("127.0.0.22");
    static final String UA = "CountyWatchAggregator/0.1 (+https://github.com/countywatch/aggregator)";
    static final int REQUESTS = 6;

    @TempDir
    static Path dir;

    @AfterAll
    static void stop() {
        overlapping.close();
        spaced.close();
    }

    // the application properties say 1 at a time, 1 s apart: the source's own looser limits win
    @Test
    void aSourceAllowingTwoAtATimeGetsExactlyTwoInFlightAtItsHost() throws IOException {
        HeldPages site = new HeldPages(REQUESTS, "<html><body><ul><li>通知公告</li>", "</ul></body></html>");
        overlapping.route("/xwzx/list.html", site);
        SourcesConfig sources = load("""
            sources:
              - id: two-at-once
                url: %s
                type: html
                host-concurrency: 2
                host-spacing: 0s
                domain-concurrency: 2
                domain-spacing: 0s
            """.formatted(overlapping.url("/xwzx/list.html")));

        List<FetchResult> results = fetchAll(
                properties(Duration.ofSeconds(1)), sources, "two-at-once", overlapping, "/xwzx/list.html", REQUESTS);

        assertThat(results).hasSize(REQUESTS).allMatch(r -> r instanceof FetchResult.Fetched);
        assertThat(site.arrivals()).isEqualTo(REQUESTS);
        // each page's body is held until the next request arrives, so two overlap whenever two may
        assertThat(site.maxInFlight()).isEqualTo(2);
    }

    // the application properties ask for no spacing: the sources' stricter limits win
    @Test
    void theStrictestSpacingOfTheSourcesOnAHostHoldsForEachOfThem() throws IOException {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        spaced.route("/gzdt/list.html", (request, response) -> {
            arrivals.add(System.nanoTime());
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            return response.header("Content-Type", "text/html; charset=utf-8")
                    .sendString(Mono.fromCallable(() -> {
                        inFlight.decrementAndGet();
                        return "<html><body><ul><li>工作动态</li></ul></body></html>";
                    }))
                    .then();
        });
        SourcesConfig sources = load("""
            sources:
              - id: quick
                url: %s
                type: html
                host-spacing: 50ms
                domain-spacing: 0s
              - id: careful
                url: %s
                type: html
                host-spacing: 300ms
                domain-spacing: 0s
            """.formatted(spaced.url("/gzdt/list.html"), spaced.url("/tzgg/list.html")));

        List<FetchResult> results = fetchAll(properties(Duration.ZERO), sources, "quick", spaced, "/gzdt/list.html", 4);

        assertThat(results).hasSize(4).allMatch(r -> r instanceof FetchResult.Fetched);
        assertThat(arrivals).hasSize(4);
        assertThat(maxInFlight.get()).isEqualTo(1);
        // spacing counts from the previous answer, which came after the previous arrival: a floor the site must see
        for (int i = 1; i < arrivals.size(); i++) {
            assertThat(arrivals.get(i) - arrivals.get(i - 1))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
        }
    }

    static SourcesConfig load(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "sources", ".yml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return new SourcesFileLoader().load(file);
    }

    /** The application properties: one request per host and domain at a time, {@code spacing} apart. */
    static FetchProperties properties(Duration spacing) {
        FetchProperties builtIn = FetchProperties.defaults();
        return new FetchProperties(
                1,
                spacing,
                1,
                spacing,
                builtIn.globalConcurrency(),
                builtIn.penalty(),
                builtIn.connectTimeout(),
                builtIn.firstByteTimeout(),
                builtIn.robotsTtl(),
                false);
    }

    /** Fetches {@code count} pages at once as one source would. */
    static List<FetchResult> fetchAll(
            FetchProperties properties,
            SourcesConfig sources,
            String sourceId,
            FixtureWeb site,
            String path,
            int count) {
        PolitenessPlan plan = new PolitenessPlan(() -> sources, HostLimits.of(properties));
        PageFetcher fetcher = new PageFetcher(properties, new SimpleMeterRegistry());
        SourceDefinition source = sources.find(sourceId).orElseThrow();
        return Flux.range(0, count)
                .flatMap(i -> {
                    URI url = URI.create(site.url(path + "?page=" + i));
                    return fetcher.fetch(new FetchRequest(
                            url,
                            UA,
                            Duration.ofSeconds(20),
                            null,
                            null,
                            FetchRequest.DEFAULT_MAX_BYTES,
                            source.robots(),
                            plan.limits(source, url)));
                })
                .collectList()
                .block(Duration.ofSeconds(60));
    }
}
