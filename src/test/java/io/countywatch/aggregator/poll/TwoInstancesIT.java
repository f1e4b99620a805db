package io.countywatch.aggregator.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.support.FixtureWeb;
import io.countywatch.aggregator.support.ServiceInstance;
import io.countywatch.aggregator.support.TempFolders;
import io.countywatch.aggregator.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * Two instances of the service on one database, as two application contexts: every due source is fetched by exactly
 * one of them, and the lease of an instance whose poller dies mid-poll expires so that the other polls the source.
 */
@SuppressWarnings("unchecked")
class TwoInstancesIT {

    static final int SOURCES = 30;
    static final FixtureWeb web = FixtureWeb.start();
    // the counties on three more sites: one site is polled by one instance at a time (its politeness is leased)
    static final List<FixtureWeb> countySites = IntStream.range(0, 3)
            .mapToObj(n -> FixtureWeb.start("127.0.0." + (61 + n)))
            .toList();
    static final AtomicBoolean hang = new AtomicBoolean(true);
    static final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @AfterAll
    static void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
        web.close();
        countySites.forEach(FixtureWeb::close);
    }

    static ConfigurableApplicationContext start(String db, Path sources) {
        // command-line arguments, because default properties lose to application.yml's ${AGGREGATOR_DB_URL:}
        ConfigurableApplicationContext context = ServiceInstance.start(
                db,
                "--aggregator.sources=" + sources,
                "--aggregator.sources-watch-interval=200ms",
                "--aggregator.polling.tick=200ms",
                "--aggregator.polling.concurrency=2",
                "--aggregator.polling.lease=3s",
                "--aggregator.fetch.host-concurrency=8",
                "--aggregator.fetch.domain-concurrency=8",
                "--aggregator.fetch.host-spacing=0s",
                "--aggregator.fetch.domain-spacing=0s",
                // the hanging poll must outlive the holder's drain (8 s) on a loaded machine, not time out first
                "--aggregator.fetch.first-byte-timeout=60s");
        instances.add(context);
        return context;
    }

    static WebTestClient client(ConfigurableApplicationContext context) {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:"
                        + ((ReactiveWebServerApplicationContext) context)
                                .getWebServer()
                                .getPort())
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    static Map<String, Object> state(ConfigurableApplicationContext context, String id) {
        Map<String, Object> body = client(context)
                .get()
                .uri("/api/sources")
                .exchange()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        return ((List<Map<String, Object>>) body.get("sources"))
                .stream()
                        .filter(s -> id.equals(s.get("id")))
                        .map(s -> (Map<String, Object>) s.get("state"))
                        .findFirst()
                        .orElseThrow();
    }

    static double metric(ConfigurableApplicationContext context, String series) {
        String text = client(context)
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        Matcher matcher =
                Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    static String sources(boolean all) {
        StringBuilder yaml = new StringBuilder("""
                defaults:
                  interval: 1h
                  robots: false
                sources:
                  - id: placeholder
                    url: %s
                    type: feed
                """.formatted(web.url("/placeholder.xml")));
        if (all) {
            IntStream.range(0, SOURCES)
                    .forEach(i -> yaml.append("""
                      - id: county-%d
                        url: %s
                        type: feed
                    """.formatted(i, county(i).url("/county/" + i + ".xml"))));
            yaml.append("""
                      - id: hanging
                        url: %s
                        type: feed
                        timeout: 60s
                    """.formatted(web.url("/hanging.xml")));
        }
        return yaml.toString();
    }

    static FixtureWeb county(int i) {
        return countySites.get(i % countySites.size());
    }

    @Test
    void everyDueSourceIsPolledByExactlyOneInstanceAndACrashedInstancesLeaseExpires() throws IOException {
        byte[] feed = FixtureWeb.resource("fixtures/feeds/rss2-guid.xml");
        web.serve("/placeholder.xml", "application/rss+xml", feed);
        IntStream.range(0, SOURCES).forEach(i -> county(i).serve("/county/" + i + ".xml", "application/rss+xml", feed));
        web.route(
                "/hanging.xml",
                (request, response) -> hang.get()
                        ? Mono.never()
                        : response.header("Content-Type", "application/rss+xml").sendByteArray(Mono.just(feed)));
        Path file = TempFolders.create("two-instances-it").resolve("sources.yml");
        Files.writeString(file, sources(false), StandardCharsets.UTF_8);
        String db = TestDatabase.freshDatabase("two_instances");
        ConfigurableApplicationContext first = start(db, file);
        ConfigurableApplicationContext second = start(db, file);

        // both run before any of the sources is due
        Files.writeString(file, sources(true), StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        IntStream.range(0, SOURCES).allMatch(i -> county(i).requests("/county/" + i + ".xml") > 0));
        await().atMost(Duration.ofSeconds(30)).until(() -> web.requests("/hanging.xml") == 1);
        // every poll but the hanging one has finished and none is in flight: a source polled twice would show
        // now, either as a second request or as more than the hanging poll in flight
        await().atMost(Duration.ofSeconds(30))
                .until(() -> metric(first, "aggregator_polls_total{outcome=\"succeeded\"}")
                                        + metric(second, "aggregator_polls_total{outcome=\"succeeded\"}")
                                >= SOURCES + 1
                        && metric(first, "aggregator_sources_in_flight")
                                        + metric(second, "aggregator_sources_in_flight")
                                == 1);
        IntStream.range(0, SOURCES)
                .forEach(i -> assertThat(county(i).requests("/county/" + i + ".xml"))
                        .as("county-" + i)
                        .isEqualTo(1));
        double byFirst = metric(first, "aggregator_polls_total{outcome=\"succeeded\"}");
        double bySecond = metric(second, "aggregator_polls_total{outcome=\"succeeded\"}");
        // the placeholder and the 30 counties; each instance took a share (at most 2 sites each at once)
        assertThat(byFirst + bySecond).isEqualTo(SOURCES + 1);
        assertThat(byFirst).isPositive();
        assertThat(bySecond).isPositive();

        // the poller stuck on the hanging source dies holding its lease (closing a whole context would also
        // dispose the Reactor Netty resources that both contexts in this JVM share)
        ConfigurableApplicationContext holder = metric(first, "aggregator_sources_in_flight") > 0 ? first : second;
        ConfigurableApplicationContext survivor = holder == first ? second : first;
        holder.getBean(PollScheduler.class).stop();
        hang.set(false);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> state(survivor, "hanging").get("lastSuccessAt") != null);
        assertThat(web.requests("/hanging.xml")).isEqualTo(2);
        assertThat(state(survivor, "hanging").get("lastItemsFound")).isEqualTo(2);
    }
}
