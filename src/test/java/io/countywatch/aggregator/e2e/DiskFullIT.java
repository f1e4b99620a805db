package io.countywatch.aggregator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.support.FixtureWeb;
import io.countywatch.aggregator.support.OneFeedSource;
import io.countywatch.aggregator.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.FileSystemUtils;

/**
 * The database's disk fills while the service polls, then has room again. A poll's outcome cannot be written then
 * (PostgreSQL's {@code disk_full}, SQLSTATE 53100, raised here by a trigger on the outcome's write, so the rest of the
 * database keeps working as it does on a real full disk: reads and the lease updates fit in their pages). The poll
 * ends abnormally without giving its source and site back. The heartbeat renewed every lease of the instance, so
 * those two stayed leased for as long as it ran and the source was never polled again; now they lapse and polling
 * resumes by itself once the disk has room. A request whose write failed says "database disk full".
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DiskFullIT {

    static final Path work =
            Path.of("target", "disk-full-" + ProcessHandle.current().pid());
    static final FixtureWeb web = FixtureWeb.start();
    static final String FEED = "/yunxi/rss.xml";
    static final String TOKEN = "disk-full-token";
    static String databaseUrl;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        web.serveResource(FEED, "application/rss+xml", "fixtures/feeds/rss2-guid.xml");
        Path file = OneFeedSource.write(work, "yunxi", web.url(FEED));
        databaseUrl = TestDatabase.freshDatabase("disk_full");
        registry.add("aggregator.db.url", () -> databaseUrl);
        registry.add("aggregator.db.username", () -> TestDatabase.server().user());
        registry.add("aggregator.db.password", () -> TestDatabase.server().password());
        registry.add("aggregator.sources", file::toString);
        registry.add("aggregator.admin-token", () -> TOKEN);
        registry.add("aggregator.polling.tick", () -> "200ms");
        registry.add("aggregator.polling.lease", () -> "4s");
        registry.add("aggregator.fetch.host-spacing", () -> "0s");
        registry.add("aggregator.fetch.domain-spacing", () -> "0s");
    }

    @AfterAll
    static void stop() throws IOException {
        web.close();
        FileSystemUtils.deleteRecursively(work);
    }

    @Test
    void pollingResumesByItselfOnceTheDiskHasRoomAgain() throws SQLException {
        await().atMost(Duration.ofSeconds(60)).until(() -> web.requests(FEED) >= 2);

        sql("""
                CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'could not extend file "base/16384/16634": No space left on device'
                        USING ERRCODE = '53100';
                END $$""");
        sql("""
                CREATE TRIGGER disk_full BEFORE UPDATE ON source FOR EACH ROW
                WHEN (NEW.last_poll_at IS DISTINCT FROM OLD.last_poll_at) EXECUTE FUNCTION disk_full()""");
        // the polls go on failing; a poll now, once the site is free, fails the same way and says why
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> client().post()
                        .uri("/api/sources/yunxi/poll")
                        .header("Authorization", "Bearer " + TOKEN)
                        .exchange()
                        .expectStatus()
                        .isEqualTo(503)
                        .expectBody()
                        .jsonPath("$.detail")
                        .value(detail -> assertThat(String.valueOf(detail)).startsWith("database disk full")));

        sql("DROP TRIGGER disk_full ON source");
        int before = web.requests(FEED);

        // within a lease time (4 s) the leases lapse, and the source, due all along, is polled and recorded again
        await().atMost(Duration.ofSeconds(30)).until(() -> web.requests(FEED) >= before + 3);
        try (Connection connection = connect();
                var rows = connection
                        .createStatement()
                        .executeQuery("SELECT last_poll_at > now() - interval '10 seconds' FROM source")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getBoolean(1))
                    .as("an outcome recorded after the disk had room")
                    .isTrue();
        }
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = connect();
                Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                databaseUrl.replace("r2dbc:", "jdbc:"),
                TestDatabase.server().user(),
                TestDatabase.server().password());
    }
}
