package io.countywatch.aggregator.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.db.Migrations;
import io.countywatch.aggregator.db.ReadDatabase;
import io.countywatch.aggregator.db.embedded.LocalPostgres;
import io.countywatch.aggregator.db.embedded.LocalPostgresSettings;
import io.countywatch.aggregator.db.embedded.RunningPostgres;
import io.countywatch.aggregator.item.DateOrigin;
import io.countywatch.aggregator.item.ExtractedItem;
import io.countywatch.aggregator.poll.Ingestion;
import io.countywatch.aggregator.store.items.ItemEvent;
import io.countywatch.aggregator.store.items.ItemEventRepository;
import io.countywatch.aggregator.store.items.NewItem;
import io.countywatch.aggregator.store.items.StoreOutcome;
import io.countywatch.aggregator.support.FixtureWeb;
import io.countywatch.aggregator.support.OneFeedSource;
import io.countywatch.aggregator.support.ServiceApi;
import io.countywatch.aggregator.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * {@code aggregator.db.read-url} pointing at a second embedded server that stands in for a replica: not streaming
 * from the primary (the test cannot make one quickly), but holding rows the primary does not, so every answer shows
 * which database it was read from. Feeds, {@code /api/items}, {@code /api/sources} and the replay read the replica;
 * stored items go to the primary; a feed read from the replica is not kept under the primary's versions; a replica
 * that goes down is a database outage for the reads (503, stale feeds).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadReplicaIT {

    static final Path work =
            Path.of("target", "read-replica-" + ProcessHandle.current().pid());
    static final RunningPostgres replica =
            LocalPostgres.start(new LocalPostgresSettings(work.resolve("pg"), 0, "aggregator"));
    static final FixtureWeb web = FixtureWeb.start();

    static final String ON_REPLICA = "副本中的新闻：安陆市召开防汛工作会议";
    static final String ON_PRIMARY = "主库中的新闻：安陆市召开森林防火会议";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    DatabaseClient primary;

    @Autowired
    ReadDatabase reads;

    @Autowired
    FeedVersions versions;

    @Autowired
    ItemEventRepository events;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException, SQLException {
        web.serve("/empty.xml", "application/rss+xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>t</title><link>http://127.0.0.1/</link><description>d</description>
                </channel></rss>
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path sources = OneFeedSource.write(work, "anlu", web.url("/empty.xml"));
        TestDatabase.register(registry, "read_replica_primary");
        Migrations.configure()
                .dataSource(replica.jdbcUrl(), replica.user(), replica.password())
                .load()
                .migrate();
        execute(
                // Two databases number their feed versions each from 1; a replica shares the primary's numbers.
                // Apart, a version of one would pass for the same version of the other.
                "SELECT setval('feed_version_seq', 1000000)",
                "INSERT INTO source (id, name, url, tags, interval_seconds) VALUES"
                        + " ('anlu', '安陆市人民政府', 'http://127.0.0.1/anlu/', '{hubei}', 600),"
                        + " ('replica-only', '只在副本中的来源', 'http://127.0.0.1/replica/', '{}', 600)",
                replicaItem(ON_REPLICA, 1));
        registry.add("aggregator.sources", sources::toString);
        registry.add("aggregator.db.read-url", replica::r2dbcUrl);
        registry.add("aggregator.db.read-username", replica::user);
        registry.add("aggregator.db.read-password", replica::password);
        // only notifications refresh the versions: a cache entry can only turn stale by a version it was stored at
        registry.add("aggregator.feeds.version-refresh", () -> "1h");
        registry.add("aggregator.admin-token", () -> "replica-token");
    }

    static String replicaItem(String title, int n) {
        return "INSERT INTO item (source_id, url, title, published_at, date_origin, fetched_at, updated_at,"
                + " content_hash) VALUES ('anlu', 'http://127.0.0.1/anlu/" + n + ".html', '" + title + "',"
                + " now(), 'source', now(), now(), 'h" + n + "')";
    }

    static void execute(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(replica.jdbcUrl(), replica.user(), replica.password());
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    @AfterAll
    static void stop() throws IOException {
        web.close();
        replica.close();
        FileSystemUtils.deleteRecursively(work);
    }

    // The sources file reaches the primary's source table shortly after start: an item stored before it has no source.
    @BeforeEach
    void sourcesSynced() {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> primary.sql("SELECT count(*) AS n FROM source WHERE id = 'anlu'")
                                .map(row -> row.get("n", Long.class))
                                .one()
                                .block(Duration.ofSeconds(10))
                        == 1L);
    }

    void storeOnPrimary(String title, int n) {
        var item = new ExtractedItem(
                null,
                "http://www.anlu.gov.cn/xwzx/" + n + ".html",
                title,
                "会议部署相关工作。",
                null,
                OffsetDateTime.parse("2026-01-01T00:00:00+08:00").plusMinutes(n),
                true);
        StoreOutcome outcome =
                Ingestion.of(context).store(new NewItem("anlu", item, DateOrigin.SOURCE, Instant.now(), null));
        assertThat(outcome).isInstanceOf(StoreOutcome.Inserted.class);
    }

    List<String> primaryTitles() {
        return primary.sql("SELECT title FROM item")
                .map(row -> row.get("title", String.class))
                .all()
                .collectList()
                .block(Duration.ofSeconds(10));
    }

    static List<Object> field(Map<String, Object> body, String list, String key) {
        return ((List<?>) body.get(list))
                .stream()
                        .map(e -> ((Map<?, ?>) e).get(key))
                        .map(Object.class::cast)
                        .toList();
    }

    /**
     * One replica's life, in the order it happens: it serves the reads while writes go to the primary, moves ahead of
     * the primary's versions, completes a replay, refuses writes, and goes down. The steps share the replica and the
     * last one stops it, so they are one test rather than tests whose order matters.
     */
    @Test
    void aReplicaServesTheReadsUntilItGoesDown() throws SQLException {
        itemsAndSourcesAreReadFromTheReplicaWhileStoredItemsGoToThePrimary();
        aFeedReadFromTheReplicaIsNotKeptUnderThePrimarysNewerVersion();
        theReplayReadsTheReplicaAndCompletesWhatItLacksFromThePrimary();
        theReadSessionsAreReadOnly();
        aReplicaThatGoesDownIsADatabaseOutageForTheReads();
    }

    void itemsAndSourcesAreReadFromTheReplicaWhileStoredItemsGoToThePrimary() {
        storeOnPrimary(ON_PRIMARY, 1);
        assertThat(primaryTitles()).as("the write went to the primary").containsExactly(ON_PRIMARY);

        var client = ServiceApi.client(port);
        assertThat(field(ServiceApi.json(client, "/api/items"), "items", "title"))
                .containsExactly(ON_REPLICA);
        assertThat(ServiceApi.text(client, "/feeds/source/anlu.atom"))
                .contains(ON_REPLICA)
                .doesNotContain(ON_PRIMARY);
        assertThat(ServiceApi.text(client, "/feeds/all.rss"))
                .contains(ON_REPLICA)
                .doesNotContain(ON_PRIMARY);
        assertThat(field(ServiceApi.json(client, "/api/sources"), "sources", "id"))
                .contains("replica-only");
    }

    void aFeedReadFromTheReplicaIsNotKeptUnderThePrimarysNewerVersion() throws SQLException {
        // the primary's versions know anlu's stored item; the replica has not "caught up" with it
        storeOnPrimary("主库中的第二条新闻", 2);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> versions.current() != null
                        && versions.current().sources().getOrDefault("anlu", 0L) > 0);
        var client = ServiceApi.client(port);
        assertThat(ServiceApi.text(client, "/feeds/source/anlu.rss")).doesNotContain("副本追上后的新闻");

        // the replica moves forward; the primary's versions do not move (as when a lagging replica catches up)
        execute(replicaItem("副本追上后的新闻", 2));

        assertThat(ServiceApi.text(client, "/feeds/source/anlu.rss"))
                .as("rendered again from the replica, not the old bytes kept under the primary's version")
                .contains("副本追上后的新闻");
    }

    void theReplayReadsTheReplicaAndCompletesWhatItLacksFromThePrimary() {
        // the primary's log: events 1 to 3 for its three items; the replica's: 1 and 2 for its two
        storeOnPrimary("主库中的第三条新闻", 3);

        List<ItemEvent> replayed = events.findReplay(0, 100).collectList().block(Duration.ofSeconds(10));

        assertThat(replayed)
                .extracting(e -> e.item().title())
                .as("the replica's events, then the primary's after the replica's last")
                .containsExactly(ON_REPLICA, "副本追上后的新闻", "主库中的第三条新闻");
    }

    void theReadSessionsAreReadOnly() {
        var insert = reads.client()
                .sql("INSERT INTO source (id, name, url, interval_seconds) VALUES ('x', 'x', 'http://x/', 600)")
                .fetch()
                .rowsUpdated();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> insert.block(Duration.ofSeconds(10)))
                .hasMessageContaining("read-only transaction");
    }

    void aReplicaThatGoesDownIsADatabaseOutageForTheReads() {
        var client = ServiceApi.client(port);
        String rendered = ServiceApi.text(client, "/feeds/source/anlu.rss");

        replica.close();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> client.get()
                        .uri("/api/items")
                        .exchange()
                        .expectStatus()
                        .isEqualTo(503)
                        .expectHeader()
                        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectHeader()
                        .exists("Retry-After"));
        client.get()
                .uri("/feeds/source/anlu.rss")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .exists("X-Aggregator-Stale")
                .expectBody(String.class)
                .isEqualTo(rendered);
        assertThat(primaryTitles()).as("the primary still answers").contains(ON_PRIMARY);
        String health = client.get()
                .uri("/api/admin/health")
                .header("Authorization", "Bearer replica-token")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(health)
                .as("health names the replica")
                .containsPattern(
                        "\"readReplica\":\\{\"details\":\\{\"error\":\"the read replica \\(aggregator\\.db\\.read-url\\)"
                                + " does not answer[^}]*\\},\"status\":\"DOWN\"");
    }
}
