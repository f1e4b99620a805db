package io.countywatch.aggregator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.db.embedded.LocalPostgres;
import io.countywatch.aggregator.db.embedded.LocalPostgresSettings;
import io.countywatch.aggregator.db.embedded.RunningPostgres;
import io.countywatch.aggregator.support.FixtureWeb;
import io.countywatch.aggregator.support.OneFeedSource;
import io.countywatch.aggregator.support.ServiceApi;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.FileSystemUtils;

/**
 * PostgreSQL stopped and started again under the running service: polling pauses (nothing is fetched without a
 * lease), health says DOWN meanwhile, feeds rendered before come from the cache marked stale, everything else is a
 * 503 problem with Retry-After (logged once, not per request), and polling resumes by itself with nothing lost or
 * stored twice. The test has a server of its own (an external database to the service), restarted on the same data
 * directory and port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
@SuppressWarnings("unchecked")
class DatabaseOutageIT {

    static final Path work =
            Path.of("target", "outage-" + ProcessHandle.current().pid());
    static final Path dataDir = work.resolve("pg");
    static RunningPostgres postgres = LocalPostgres.start(new LocalPostgresSettings(dataDir, 0, "aggregator"));
    static final int databasePort = postgres.port();
    static final FixtureWeb web = FixtureWeb.start();
    static final String FEED = "/busy/rss.xml";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        web.serveResource(FEED, "application/rss+xml", "fixtures/feeds/rss2-guid.xml");
        Path file = OneFeedSource.write(work, "busy", web.url(FEED));
        registry.add("aggregator.db.url", postgres::r2dbcUrl);
        registry.add("aggregator.db.username", postgres::user);
        registry.add("aggregator.db.password", postgres::password);
        registry.add("aggregator.sources", file::toString);
        registry.add("aggregator.polling.tick", () -> "200ms");
        registry.add("aggregator.fetch.host-spacing", () -> "0s");
        registry.add("aggregator.fetch.domain-spacing", () -> "0s");
    }

    @AfterAll
    static void stop() throws IOException {
        web.close();
        postgres.close();
        FileSystemUtils.deleteRecursively(work);
    }

    WebTestClient client() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    String health() {
        Map<String, Object> body = client().get()
                .uri("/actuator/health")
                .exchange()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        return (String) body.get("status");
    }

    List<Map<String, Object>> items() {
        Map<String, Object> body = client().get()
                .uri("/api/items?limit=100")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        return (List<Map<String, Object>>) body.get("items");
    }

    @Test
    void pollingPausesWhileTheDatabaseIsDownAndResumesByItself(CapturedOutput output) {
        await().atMost(Duration.ofSeconds(60)).until(() -> web.requests(FEED) >= 3);
        assertThat(items()).hasSize(2);

        String cachedFeed = ServiceApi.text(client(), "/feeds/all.rss");

        postgres.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> "DOWN".equals(health()));
        answersFromTheCacheOr503(cachedFeed, output);
        int duringOutage = web.requests(FEED);
        // a poll that had its lease before the stop may still fetch once; after that nothing is fetched
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(6))
                .until(() -> web.requests(FEED) <= duringOutage + 1);

        postgres = LocalPostgres.start(new LocalPostgresSettings(dataDir, databasePort, "aggregator"));
        await().atMost(Duration.ofSeconds(60)).until(() -> "UP".equals(health()));
        int afterRestart = web.requests(FEED);
        await().atMost(Duration.ofSeconds(60)).until(() -> web.requests(FEED) >= afterRestart + 3);
        assertThat(items()).hasSize(2).extracting(i -> i.get("title")).doesNotHaveDuplicates();
    }

    void answersFromTheCacheOr503(String cachedFeed, CapturedOutput output) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> client().get()
                        .uri("/feeds/all.rss")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectHeader()
                        .exists("X-Aggregator-Stale")
                        .expectHeader()
                        .valueEquals("Warning", "110 - \"Response is Stale\"")
                        .expectBody(String.class)
                        .isEqualTo(cachedFeed));
        int loggedBefore = count(output, "database unreachable, answering 503");
        for (int i = 0; i < 20; i++) {
            for (String uri : List.of("/api/items", "/api/sources", "/feeds/all.json", "/feeds/source/busy.atom")) {
                client().get()
                        .uri(uri)
                        .exchange()
                        .expectStatus()
                        .isEqualTo(503)
                        .expectHeader()
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectHeader()
                        .valueEquals("Retry-After", "10")
                        .expectBody()
                        .jsonPath("$.status")
                        .isEqualTo(503);
            }
        }
        // 80 failed requests: at most one line (the first of this minute, if the health check's own did not come
        // first), and never a stack trace
        assertThat(count(output, "database unreachable, answering 503") - loggedBefore)
                .isLessThanOrEqualTo(1);
        assertThat(output.getOut()).doesNotContain("500 Server Error");
    }

    static int count(CapturedOutput output, String text) {
        return output.getOut().split(java.util.regex.Pattern.quote(text), -1).length - 1;
    }
}
