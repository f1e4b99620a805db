package io.countywatch.aggregator.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.support.FixtureWeb;
import io.countywatch.aggregator.support.ServiceInstance;
import io.countywatch.aggregator.support.TempFolders;
import io.countywatch.aggregator.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Mono;

/**
 * A poll must not start before the statement that leased its source has committed. A poll that finished first
 * (a quick 304) wrote its outcome against the row as it was before the lease, found no lease of its own there and
 * recorded nothing; the source then stayed leased, unpolled, for a whole lease time. Here every lease takes long to
 * commit (a deferred trigger stands in for a slow WAL flush), which made that happen every time.
 */
class LeaseCommitIT {

    // enough leases in one statement for their rows to fill PostgreSQL's 8 kB send buffer, which is flushed before
    // the commit; a smaller batch reaches the client only with the commit
    static final int SOURCES = 150;
    static final FixtureWeb web = FixtureWeb.start();
    static ConfigurableApplicationContext service;

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        web.close();
    }

    @Test
    void aQuickPollOfAFreshlyLeasedSourceIsRecordedAtOnce() throws Exception {
        byte[] feed = FixtureWeb.resource("fixtures/feeds/rss2-guid.xml");
        StringBuilder yaml = new StringBuilder("defaults:\n  interval: 1h\n  robots: false\nsources:\n");
        IntStream.range(0, SOURCES).forEach(i -> {
            String path = "/county/" + i + ".xml";
            web.route(
                    path,
                    (request, response) -> "\"v1\""
                                    .equals(request.requestHeaders().get("If-None-Match"))
                            ? response.status(304).header("ETag", "\"v1\"").send()
                            : response.header("Content-Type", "application/rss+xml")
                                    .header("ETag", "\"v1\"")
                                    .sendByteArray(Mono.just(feed)));
            yaml.append("  - id: county-")
                    .append(i)
                    .append("\n    url: ")
                    .append(web.url(path))
                    .append("\n    type: feed\n");
        });
        Path file = TempFolders.create("lease-commit-it").resolve("sources.yml");
        Files.writeString(file, yaml.toString(), StandardCharsets.UTF_8);
        String db = TestDatabase.freshDatabase("lease_commit");
        service = ServiceInstance.start(
                db,
                "--aggregator.sources=" + file,
                "--aggregator.polling.tick=100ms",
                "--aggregator.polling.concurrency=" + SOURCES,
                "--aggregator.polling.lease=1m",
                "--aggregator.fetch.host-concurrency=" + SOURCES,
                "--aggregator.fetch.domain-concurrency=" + SOURCES,
                "--aggregator.fetch.host-spacing=0s",
                "--aggregator.fetch.domain-spacing=0s");

        try (Connection sql = DriverManager.getConnection(
                        db.replace("r2dbc:", "jdbc:"),
                        TestDatabase.server().user(),
                        TestDatabase.server().password());
                Statement statement = sql.createStatement()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> polledAndFree(statement, "1970-01-01") == SOURCES);

            // from now on, a statement that leases sources commits 20 ms per source after returning them
            statement.execute("""
                    CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN PERFORM pg_sleep(0.02); RETURN NULL; END $$""");
            statement.execute("""
                    CREATE CONSTRAINT TRIGGER slow_lease_commit AFTER UPDATE ON source
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
                    WHEN (NEW.lease_owner IS NOT NULL AND OLD.lease_owner IS NULL)
                    EXECUTE FUNCTION slow_commit()""");
            String before = timestamp(statement, "SELECT max(last_poll_at) FROM source");
            statement.executeUpdate("UPDATE source SET next_poll_at = now()");

            // well inside the one-minute lease, which a lost outcome would have to wait out
            await().atMost(Duration.ofSeconds(20)).until(() -> polledAndFree(statement, before) == SOURCES);
            IntStream.range(0, SOURCES)
                    .forEach(i -> assertThat(web.requests("/county/" + i + ".xml"))
                            .as("county-" + i)
                            .isEqualTo(2));
        }
    }

    static String timestamp(Statement statement, String query) throws Exception {
        try (ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }

    // sources whose poll after `after` was recorded (the outcome also clears the lease)
    static long polledAndFree(Statement statement, String after) throws Exception {
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM source WHERE last_poll_at > '" + after
                + "'::timestamptz AND lease_owner IS NULL")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
