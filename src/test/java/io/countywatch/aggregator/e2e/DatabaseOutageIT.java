package io.countywatch.aggregator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.db.embedded.LocalPostgres;
import io.countywatch.aggregator.db.embedded.LocalPostgresSettings;
import io.countywatch.aggregator.db.embedded.RunningPostgres;
import io.countywatch.aggregator.support.FixtureWeb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * PostgreSQL stopped and started again under the running service: polling pauses (nothing is fetched without a
 * lease), health says DOWN meanwhile, and polling resumes by itself with nothing lost or stored twice. The test has
 * a server of its own, restarted on the same data directory and port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@SuppressWarnings("unchecked")
class DatabaseOutageIT {

    static final Path dataDir =
            Path.of("target", "outage-pg-" + ProcessHandle.current().pid());
    static RunningPostgres postgres = LocalPostgres.start(new LocalPostgresSettings(dataDir, 0, "aggregator"));
    static final int databasePort = postgres.port();
    static final FixtureWeb web = FixtureWeb.start();
    static final String FEED = "/busy/rss.xml";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        web.serveResource(FEED, "application/rss+xml", "fixtures/feeds/rss2-guid.xml");
        Path file = Files.createTempDirectory("database-outage-it").resolve("sources.yml");
        Files.writeString(file, """
                sources:
                  - id: busy
                    name: 云溪县人民政府
                    url: %s
                    type: feed
                    robots: false
                    interval: 1s
                    min-interval: 1s
                    max-interval: 1s
                """.formatted(web.url(FEED)), StandardCharsets.UTF_8);
        registry.add("aggregator.db.url", postgres::r2dbcUrl);
        registry.add("aggregator.db.username", postgres::user);
        registry.add("aggregator.db.password", postgres::password);
        registry.add("aggregator.sources", file::toString);
        registry.add("aggregator.polling.tick", () -> "200ms");
        registry.add("aggregator.fetch.host-spacing", () -> "0s");
        registry.add("aggregator.fetch.domain-spacing", () -> "0s");
    }

    @AfterAll
    static void stop() {
        web.close();
        postgres.close();
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
    void pollingPausesWhileTheDatabaseIsDownAndResumesByItself() {
        await().atMost(Duration.ofSeconds(60)).until(() -> web.requests(FEED) >= 3);
        assertThat(items()).hasSize(2);

        postgres.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> "DOWN".equals(health()));
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
}
