package io.countywatch.aggregator.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.support.LiveItems;
import io.countywatch.aggregator.support.ServiceApi;
import io.countywatch.aggregator.support.SseRecorder;
import io.countywatch.aggregator.support.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The stream and the feed cache hear the database on one LISTEN connection per instance, and both go on hearing
 * it after that connection is killed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PgNotificationsIT {

    static final Duration WAIT = Duration.ofSeconds(20);
    // pg_stat_activity.query is a backend's last statement: LISTEN, repeated by the ping, on a listening one
    static final String LISTENING = """
            FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'""";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    LiveItems items;
    WebTestClient client;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "pg_notifications");
        registry.add("aggregator.polling.enabled", () -> "false");
        registry.add("aggregator.db.listen-retry", () -> "100ms");
        // only a notification can refresh the feed versions after the first read, not the safety-net timer
        registry.add("aggregator.feeds.version-refresh", () -> "1h");
    }

    @BeforeEach
    void sources() {
        items = new LiveItems(context).source("xiaochang", "孝昌县人民政府", "hubei");
        client = ServiceApi.client(port);
    }

    @Test
    void oneConnectionListensForTheStreamAndTheFeeds() {
        try (SseRecorder stream = SseRecorder.open(port, "/stream?source=xiaochang", null)) {
            await().atMost(WAIT).until(stream::connected);
            assertThat(ServiceApi.text(client, "/feeds/all.json")).doesNotContain("孝昌县第一次通知");

            items.store("xiaochang", "孝昌县第一次通知");

            await().atMost(WAIT).until(() -> stream.named().size() == 1);
            await().atMost(WAIT)
                    .until(() -> ServiceApi.text(client, "/feeds/all.json").contains("孝昌县第一次通知"));
            assertThat(count("SELECT count(*) AS n " + LISTENING)).isEqualTo(1);
        }
    }

    @Test
    void theStreamAndTheFeedsHearAgainAfterTheConnectionIsKilled() {
        try (SseRecorder stream = SseRecorder.open(port, "/stream?source=xiaochang", null)) {
            await().atMost(WAIT).until(stream::connected);
            await().atMost(WAIT).until(() -> count("SELECT count(*) AS n " + LISTENING) > 0);
            assertThat(ServiceApi.text(client, "/feeds/all.json")).doesNotContain("孝昌县断线之后的通知");

            assertThat(count("SELECT count(pg_terminate_backend(pid)) AS n " + LISTENING))
                    .isPositive();
            items.store("xiaochang", "孝昌县断线之后的通知");

            await().atMost(WAIT)
                    .until(() -> stream.named().stream().anyMatch(e -> e.data().contains("孝昌县断线之后的通知")));
            await().atMost(WAIT)
                    .until(() -> ServiceApi.text(client, "/feeds/all.json").contains("孝昌县断线之后的通知"));
        }
    }

    private long count(String sql) {
        return items.db().sql(sql).map(row -> row.get("n", Long.class)).one().block(WAIT);
    }
}
