package io.countywatch.aggregator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.support.FixtureWeb;
import io.countywatch.aggregator.support.ServiceApi;
import io.countywatch.aggregator.support.TempFolders;
import io.countywatch.aggregator.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The running service with one well-behaved feed among hostile sources: each hostile source fails alone and says why
 * in {@code /api/sources}, and the good feed keeps its two-second schedule meanwhile. Sources that earn a politeness
 * penalty (429, 5xx) live on loopback addresses of their own, as they would on hosts of their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@SuppressWarnings("unchecked")
class HostileSourcesIT {

    static final FixtureWeb web = FixtureWeb.start();
    static final FixtureWeb flakyHost = FixtureWeb.start("127.0.0.3");
    static final FixtureWeb limitedHost = FixtureWeb.start("127.0.0.4");
    static final FixtureWeb unavailableHost = FixtureWeb.start("127.0.0.5");
    static final AtomicBoolean flakyBroken = new AtomicBoolean(true);
    static final Path sourcesFile = writeSources();

    @LocalServerPort
    int port;

    WebTestClient client;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "hostile_sources");
        registry.add("aggregator.sources", sourcesFile::toString);
        registry.add("aggregator.polling.tick", () -> "200ms");
        registry.add("aggregator.polling.concurrency", () -> "16");
        registry.add("aggregator.polling.dead-after", () -> "4s");
        registry.add("aggregator.polling.dead-retry", () -> "3s");
        // many sources share 127.0.0.1 here, unlike on the web: keep their politeness from serializing the test
        registry.add("aggregator.fetch.host-concurrency", () -> "16");
        registry.add("aggregator.fetch.domain-concurrency", () -> "16");
        registry.add("aggregator.fetch.host-spacing", () -> "0s");
        registry.add("aggregator.fetch.domain-spacing", () -> "0s");
    }

    static Path writeSources() {
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [
                  <!ENTITY lol "lol">
                  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
                  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
                  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
                  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
                  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
                  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
                  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
                  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
                ]>
                <rss version="2.0"><channel><title>&lol9;</title><link>http://127.0.0.1/</link><description>d</description>
                <item><title>&lol9;</title><link>http://127.0.0.1/l.html</link></item></channel></rss>
                """;
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY stolen SYSTEM "%s">]>
                <rss version="2.0"><channel><title>t</title><link>http://127.0.0.1/</link><description>d</description>
                <item><title>&stolen;</title><link>http://127.0.0.1/x.html</link></item></channel></rss>
                """;
        web.serveResource("/good/rss.xml", "application/rss+xml", "fixtures/feeds/rss2-guid.xml")
                .serve("/xxe-file.xml", "application/rss+xml", bytes(xxe.formatted("file:///etc/passwd")))
                .serve("/xxe-http.xml", "application/rss+xml", bytes(xxe.formatted(web.url("/secret"))))
                .serve("/secret", "text/plain", bytes("机密"))
                .serve("/laughs.xml", "application/rss+xml", bytes(laughs))
                .serve("/invalid.xml", "application/rss+xml", bytes("<rss version=\"2.0\"><channel><item><title>未闭合"))
                .serve(
                        "/empty.html",
                        "text/html; charset=utf-8",
                        bytes("<html><body><h1>工作动态</h1><ul class=\"news\"></ul><p>暂无信息</p></body></html>"))
                .serve("/report.pdf", "application/pdf", bytes("%PDF-1.7 县政府工作报告"))
                .route(
                        "/huge.html",
                        (request, response) -> response.header("Content-Type", "text/html")
                                .sendByteArray(Flux.range(0, 30 * 16).map(i -> new byte[64 * 1024])))
                .route(
                        "/drip.html",
                        (request, response) -> response.header("Content-Type", "text/html")
                                .sendString(Flux.interval(Duration.ofSeconds(2))
                                        .map(i -> "<")
                                        .take(60)))
                .route("/loop/a", (request, response) -> response.sendRedirect(web.url("/loop/b")))
                .route("/loop/b", (request, response) -> response.sendRedirect("/loop/a"))
                .route(
                        "/reset.html",
                        (request, response) -> response.header("Content-Type", "text/html")
                                .header("Content-Length", "200000")
                                .sendString(Flux.concat(
                                        Mono.just("<html><body><ul class=\"news\"><li>"),
                                        Mono.error(new IOException("fixture: connection reset mid-body")))));
        flakyHost
                .route(
                        "/flaky.xml",
                        (request, response) -> flakyBroken.get()
                                ? response.status(500).sendString(Mono.just("服务器内部错误"))
                                : response.header("Content-Type", "application/rss+xml")
                                        .sendByteArray(
                                                Mono.just(FixtureWeb.resource("fixtures/feeds/rss2-noguid.xml"))))
                .route("/e500.xml", (request, response) -> response.status(500).send());
        limitedHost.route(
                "/e429.xml",
                (request, response) ->
                        response.status(429).header("Retry-After", "300").send());
        unavailableHost.route(
                "/e503.xml",
                (request, response) ->
                        response.status(503).header("Retry-After", "120").send());
        StringBuilder yaml = new StringBuilder("""
                defaults:
                  interval: 1h
                sources:
                  - id: good
                    name: 云溪县人民政府
                    url: %s
                    type: feed
                    interval: 2s
                    min-interval: 2s
                    max-interval: 2s
                  - id: flaky
                    name: 时好时坏
                    url: %s
                    type: feed
                    interval: 2s
                    min-interval: 2s
                    max-interval: 2s
                  - id: drip
                    name: 慢慢滴
                    url: %s
                    type: html
                    timeout: 3s
                    list: {item: "ul.news > li", link: "a", title: "a"}
                  - id: empty
                    name: 空列表
                    url: %s
                    type: html
                    list: {item: "ul.news > li", link: "a", title: "a"}
                """.formatted(
                web.url("/good/rss.xml"), flakyHost.url("/flaky.xml"), web.url("/drip.html"), web.url("/empty.html")));
        Map<String, String> others = Map.of(
                "xxe-file", web.url("/xxe-file.xml"),
                "xxe-http", web.url("/xxe-http.xml"),
                "laughs", web.url("/laughs.xml"),
                "invalid", web.url("/invalid.xml"),
                "pdf", web.url("/report.pdf"),
                "huge", web.url("/huge.html"),
                "loop", web.url("/loop/a"),
                "reset", web.url("/reset.html"),
                "e500", flakyHost.url("/e500.xml"),
                "e429", limitedHost.url("/e429.xml"));
        others.forEach((id, url) -> yaml.append("""
                  - id: %s
                    url: %s
                    type: feed
                """.formatted(id, url)));
        yaml.append("""
                  - id: e503
                    url: %s
                    type: feed
                """.formatted(unavailableHost.url("/e503.xml")));
        try {
            Path file = TempFolders.create("hostile-sources-it").resolve("sources.yml");
            Files.writeString(file, yaml.toString(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stopWeb() {
        web.close();
        flakyHost.close();
        limitedHost.close();
        unavailableHost.close();
    }

    @BeforeEach
    void client() {
        client = ServiceApi.client(port);
        List<String> hostile = List.of(
                "xxe-file",
                "xxe-http",
                "laughs",
                "invalid",
                "pdf",
                "huge",
                "loop",
                "reset",
                "e500",
                "e429",
                "e503",
                "drip");
        // a source appears in /api/sources only once the scheduler has synced the file
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> hostile.stream().allMatch(id -> state(id).get("lastPollAt") != null));
    }

    Map<String, Map<String, Object>> sources() {
        Map<String, Object> body = ServiceApi.json(client, "/api/sources");
        return ((List<Map<String, Object>>) body.get("sources"))
                .stream().collect(Collectors.toMap(s -> (String) s.get("id"), s -> s));
    }

    Map<String, Object> state(String id) {
        return (Map<String, Object>) sources().get(id).get("state");
    }

    void assertFailing(String id, int status, String error) {
        Map<String, Object> source = sources().get(id);
        Map<String, Object> state = (Map<String, Object>) source.get("state");
        assertThat(source.get("status")).as(id).isEqualTo("failing");
        assertThat(state.get("lastStatus")).as(id).isEqualTo(status);
        assertThat((String) state.get("lastError"))
                .as(id)
                .startsWith("fetch " + id + ": ")
                .contains(error);
        assertThat(state.get("nextPollAt")).as(id).isNotNull();
        assertThat(state.get("dead")).as(id).isEqualTo(false);
    }

    @Test
    void externalEntitiesAreRefusedAndNeverFetched() {
        assertFailing("xxe-file", 200, "DOCTYPE");
        assertFailing("xxe-http", 200, "DOCTYPE");
        assertThat(web.requests("/secret")).isZero();
    }

    @Test
    void billionLaughsAndInvalidXmlFailAlone() {
        assertFailing("laughs", 200, "DOCTYPE");
        assertFailing("invalid", 200, "invalid XML: ");
    }

    @Test
    void aHugePageIsCutAtTheBodyLimit() {
        assertFailing("huge", 0, "body larger than 10485760 bytes");
    }

    @Test
    void aSlowDripIsCutAtTheSourceTimeout() {
        assertFailing("drip", 0, "timed out after 3 s (no complete answer)");
    }

    @Test
    void redirectLoopsResetsAndPdfsFailWithTheirReason() {
        assertFailing("loop", 0, "redirect loop at ");
        assertFailing("reset", 0, "closed the connection before the answer was complete");
        assertFailing("pdf", 200, "unexpected content type application/pdf");
    }

    @Test
    void serverErrorsFailAndRetryAfterIsHonoured() {
        assertFailing("e500", 500, "HTTP 500");
        assertFailing("e429", 429, "HTTP 429, retry after 300 s");
        assertFailing("e503", 503, "HTTP 503, retry after 120 s");
        assertThat(delay("e429")).isGreaterThanOrEqualTo(Duration.ofSeconds(295));
        assertThat(delay("e503")).isGreaterThanOrEqualTo(Duration.ofSeconds(115));
    }

    Duration delay(String id) {
        Map<String, Object> state = state(id);
        return Duration.between(OffsetDateTime.parse((String) state.get("lastPollAt")), OffsetDateTime.parse((String)
                state.get("nextPollAt")));
    }

    @Test
    void aListPageWithoutItemsShowsAsEmpty() {
        Map<String, Object> source = sources().get("empty");
        assertThat(source.get("status")).isEqualTo("empty");
        assertThat(((Map<String, Object>) source.get("state")).get("lastItemsFound"))
                .isEqualTo(0);
    }

    @Test
    void theGoodFeedKeepsItsScheduleMeanwhile() {
        int before = web.requests("/good/rss.xml");
        await().atMost(Duration.ofSeconds(30)).until(() -> web.requests("/good/rss.xml") >= before + 3);
        Map<String, Object> source = sources().get("good");
        assertThat(source.get("status")).isEqualTo("ok");
        assertThat(((Map<String, Object>) source.get("state")).get("lastItemsFound"))
                .isEqualTo(2);
    }

    @Test
    void aSourceFailingLongerThanDeadAfterIsDeadAndComesBackByItself() {
        await().atMost(Duration.ofSeconds(40))
                .until(() -> "dead".equals(sources().get("flaky").get("status")));
        assertThat(state("flaky").get("dead")).isEqualTo(true);
        flakyBroken.set(false);
        await().atMost(Duration.ofSeconds(40))
                .until(() -> "ok".equals(sources().get("flaky").get("status")));
        assertThat(state("flaky").get("dead")).isEqualTo(false);
        assertThat(state("flaky").get("lastError")).isNull();
    }

    @Test
    void exposesPollMetrics() {
        String metrics = ServiceApi.text(client, "/actuator/prometheus");
        assertThat(metrics)
                .contains("aggregator_polls_total{outcome=\"failed\"}")
                .contains("aggregator_polls_total{outcome=\"succeeded\"}")
                .contains("aggregator_fetch_seconds_bucket")
                .contains("aggregator_fetch_bytes")
                .contains("aggregator_items_total{kind=\"new\"}")
                .contains("aggregator_sources_due")
                .contains("aggregator_sources_in_flight");
    }
}
