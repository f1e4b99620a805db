package io.countywatch.aggregator.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.support.FixtureWeb;
import io.countywatch.aggregator.support.ServiceInstance;
import io.countywatch.aggregator.support.SiteCounts;
import io.countywatch.aggregator.support.TempFolders;
import io.countywatch.aggregator.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Two instances on one database hold every site to its limits together: one request at a time and 300 ms between
 * request starts, as each site counts them by its own clock, while both instances poll. An admin's "poll now" sent to
 * both instances at once fetches the source once.
 */
class ClusterPolitenessIT {

    static final int SITES = 3;
    static final int PER_SITE = 8;
    static final Duration SPACING = Duration.ofMillis(300);
    static final String TOKEN = "cluster-token";
    static final List<FixtureWeb> sites = new ArrayList<>();
    static final List<SiteCounts> counts = new ArrayList<>();
    static final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    // the one source both instances start with (a sources file lists at least one)
    static final FixtureWeb placeholder = FixtureWeb.start("127.0.0.59")
            .serve("/feed.xml", "application/rss+xml", FixtureWeb.resource("fixtures/feeds/rss2-guid.xml"));
    static final String HEAD = "defaults:\n  interval: 1h\n  robots: false\nsources:\n  - id: placeholder\n    url: "
            + placeholder.url("/feed.xml") + "\n    type: feed\n";

    @AfterAll
    static void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
        sites.forEach(FixtureWeb::close);
        placeholder.close();
    }

    static ConfigurableApplicationContext start(String db, Path sources) {
        ConfigurableApplicationContext context = ServiceInstance.start(
                db,
                "--aggregator.sources=" + sources,
                "--aggregator.admin-token=" + TOKEN,
                "--aggregator.sources-watch-interval=200ms",
                "--aggregator.polling.tick=100ms",
                "--aggregator.fetch.host-concurrency=1",
                "--aggregator.fetch.domain-concurrency=1",
                "--aggregator.fetch.host-spacing=" + SPACING.toMillis() + "ms",
                "--aggregator.fetch.domain-spacing=" + SPACING.toMillis() + "ms");
        instances.add(context);
        return context;
    }

    // written once both instances run (and moved into place whole, so a watcher never reads half a file): both
    // then see the sources due at the same moment
    static void writeSources(Path file, String yaml) throws IOException {
        Path next = file.resolveSibling("next.yml");
        Files.writeString(next, yaml, StandardCharsets.UTF_8);
        Files.move(next, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static String sourcesYaml() throws IOException {
        byte[] feed = FixtureWeb.resource("fixtures/feeds/rss2-guid.xml");
        StringBuilder yaml = new StringBuilder(HEAD);
        for (int s = 0; s < SITES; s++) {
            FixtureWeb site = FixtureWeb.start("127.0.0." + (51 + s));
            SiteCounts count = new SiteCounts();
            sites.add(site);
            counts.add(count);
            for (int i = 0; i < PER_SITE; i++) {
                String path = "/feed/" + i + ".xml";
                // a slow answer, so that two requests at once would overlap at the site
                site.route(
                        path,
                        count.counting((request, response) -> Mono.delay(Duration.ofMillis(50))
                                .then(Mono.from(response.header("Content-Type", "application/rss+xml")
                                        .sendByteArray(Mono.just(feed))))));
                yaml.append("  - id: site")
                        .append(s)
                        .append("-")
                        .append(i)
                        .append("\n    url: ")
                        .append(site.url(path))
                        .append("\n    type: feed\n");
            }
        }
        return yaml.toString();
    }

    static int requests(int site, int source) {
        return sites.get(site).requests("/feed/" + source + ".xml");
    }

    static Mono<Integer> pollNow(ConfigurableApplicationContext instance, String id) {
        int port =
                ((ReactiveWebServerApplicationContext) instance).getWebServer().getPort();
        return WebClient.create("http://127.0.0.1:" + port)
                .post()
                .uri("/api/sources/{id}/poll", id)
                .header("Authorization", "Bearer " + TOKEN)
                .exchangeToMono(response ->
                        response.releaseBody().thenReturn(response.statusCode().value()))
                .timeout(Duration.ofSeconds(30));
    }

    @Test
    void twoInstancesTogetherKeepEachSitesLimitsAndPollNowAtBothPollsOnce() throws IOException {
        Path file = TempFolders.create("cluster-politeness-it").resolve("sources.yml");
        writeSources(file, HEAD);
        String db = TestDatabase.freshDatabase("cluster_politeness");
        ConfigurableApplicationContext first = start(db, file);
        ConfigurableApplicationContext second = start(db, file);
        writeSources(file, sourcesYaml());

        await().atMost(Duration.ofSeconds(60))
                .until(() -> IntStream.range(0, SITES)
                        .allMatch(s -> IntStream.range(0, PER_SITE).allMatch(i -> requests(s, i) == 1)));
        for (int s = 0; s < SITES; s++) {
            assertThat(counts.get(s).maxInFlight.get())
                    .as("requests at once to site %d", s)
                    .isEqualTo(1);
            assertThat(counts.get(s).minGapNanos.get())
                    .as("shortest gap between request starts at site %d", s)
                    .isGreaterThanOrEqualTo(SPACING.toNanos());
        }

        // both instances asked at once, for each source of the first site
        List<Integer> answers = Flux.range(0, PER_SITE)
                .concatMap(i -> Flux.merge(pollNow(first, "site0-" + i), pollNow(second, "site0-" + i)))
                .collectList()
                .block(Duration.ofSeconds(120));
        assertThat(answers).hasSize(2 * PER_SITE);
        IntStream.range(0, PER_SITE)
                .forEach(
                        i -> assertThat(requests(0, i)).as("site0-%d polled", i).isEqualTo(2));
        assertThat(counts.get(0).maxInFlight.get()).isEqualTo(1);
        assertThat(counts.get(0).minGapNanos.get()).isGreaterThanOrEqualTo(SPACING.toNanos());
    }
}
