package io.countywatch.aggregator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.db.DatabaseEndpoint;
import io.countywatch.aggregator.db.embedded.RunningPostgres;
import io.countywatch.aggregator.support.FixtureWeb;
import io.countywatch.aggregator.support.OneFeedSource;
import io.countywatch.aggregator.support.ServiceApi;
import io.countywatch.aggregator.support.SseRecorder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.FileSystemUtils;

/**
 * The embedded PostgreSQL killed (SIGKILL, as the OOM killer does) under the running service: the service starts it
 * again by itself, and a poll stores a new item that the API, the feeds (told by their LISTEN connection: the
 * periodic version re-read is set to an hour here) and an open SSE stream (its own LISTEN connection) all show.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// closed after the class: its embedded server (and, run as root from a private folder, the data folder it was moved
// to) is gone before the run ends, instead of running until the JVM exits
@org.springframework.test.annotation.DirtiesContext
class EmbeddedDatabaseSupervisionIT {

    static final Path work =
            Path.of("target", "supervision-" + ProcessHandle.current().pid());
    static final FixtureWeb web = FixtureWeb.start();
    static final String FEED = "/yunxi/rss.xml";
    static final String NEW_TITLE = "云溪县召开防汛抗旱工作会议";

    @LocalServerPort
    int port;

    @Autowired
    DatabaseEndpoint database;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        web.serveResource(FEED, "application/rss+xml", "fixtures/feeds/rss2-guid.xml");
        Path sources = OneFeedSource.write(work, "yunxi", web.url(FEED));
        registry.add("aggregator.db.url", () -> "");
        registry.add("aggregator.db.embedded.data-dir", () -> work.resolve("pg").toString());
        registry.add("aggregator.db.embedded.shared-buffers", () -> "128MB");
        registry.add("aggregator.sources", sources::toString);
        registry.add("aggregator.polling.tick", () -> "200ms");
        registry.add("aggregator.fetch.host-spacing", () -> "0s");
        registry.add("aggregator.fetch.domain-spacing", () -> "0s");
        registry.add("aggregator.feeds.version-refresh", () -> "1h");
    }

    @AfterAll
    static void cleanUp() {
        web.close();
        // the server is stopped with the Spring context, which outlives this class; its files go at JVM exit
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> FileSystemUtils.deleteRecursively(work.toFile()), "supervision-it"));
    }

    @Test
    void restartsAKilledServerAndStoresAndServesAgain() {
        WebTestClient client = ServiceApi.client(port);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> assertThat(ServiceApi.items(client, "?limit=10")).hasSize(2));
        assertThat(ServiceApi.text(client, "/feeds/all.rss")).doesNotContain(NEW_TITLE);
        try (SseRecorder stream = SseRecorder.open(port, "/stream", null)) {
            await().atMost(Duration.ofSeconds(20)).until(stream::connected);
            RunningPostgres server = (RunningPostgres) database.server();
            long killed = server.postmasterPid();

            ProcessHandle.of(killed).orElseThrow().destroyForcibly();
            // a backend of the killed postmaster can still commit for a moment: the new item comes only once the
            // supervisor has started a new server, so that storing it proves the new one works
            await().atMost(Duration.ofSeconds(90)).until(() -> server.postmasterPid() != killed);
            web.serve(FEED, "application/rss+xml", feedWithOneMoreItem());

            await().atMost(Duration.ofSeconds(90))
                    .ignoreExceptions()
                    .untilAsserted(() -> assertThat(ServiceApi.items(client, "?limit=10"))
                            .extracting(item -> item.get("title"))
                            .contains(NEW_TITLE)
                            .hasSize(3));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> stream.named().stream().anyMatch(e -> e.data().contains(NEW_TITLE)));
            await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(() -> ServiceApi.text(client, "/feeds/all.rss").contains(NEW_TITLE));
        }
    }

    static byte[] feedWithOneMoreItem() {
        String feed = new String(FixtureWeb.resource("fixtures/feeds/rss2-guid.xml"), StandardCharsets.UTF_8);
        String item = """
                <item>
                  <title>%s</title>
                  <link>http://127.0.0.1/yunxi/zwyw/202309/t20230912_1002.html</link>
                  <guid isPermaLink="false">yunxi-1002</guid>
                  <pubDate>Tue, 12 Sep 2023 10:00:00 +0800</pubDate>
                  <description>9月12日，云溪县召开防汛抗旱工作会议。</description>
                </item>
                """.formatted(NEW_TITLE);
        return feed.replace("</channel>", item + "</channel>").getBytes(StandardCharsets.UTF_8);
    }
}
