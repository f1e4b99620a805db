package io.countywatch.aggregator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.support.ServiceInstance;
import io.countywatch.aggregator.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Not a test: how fast {@code /api/sources} answers at 30,000 sources and 10,000,000 items (BENCHMARKS.md). The
 * sources are rows written with generate_series, and the 10 M items exist only as their counters (333 or 334 per
 * source in {@code source_item_count}, the table the triggers keep): the endpoint reads nothing else, so the item
 * table's size does not enter its time (SourceReadModelIT checks the plan). Polling is off. Run with {@code ./mvnw -o
 * verify -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=SourcesReadBenchmark
 * -Dfailsafe.failIfNoSpecifiedTests=false}.
 */
class SourcesReadBenchmark {

    static final int SOURCES = 30_000;
    static final long ITEMS = 10_000_000;

    @org.junit.jupiter.api.io.TempDir
    Path dir; // deleted after the run; a temp folder of its own was left behind

    @Test
    void answersThirtyThousandSources() throws Exception {
        String db = TestDatabase.freshDatabase("sources_read_benchmark");
        Path file = dir.resolve("sources.yml");
        Files.writeString(
                file,
                "sources:\n  - id: only\n    url: http://127.0.0.1:9/feed.xml\n    type: feed\n",
                StandardCharsets.UTF_8);
        ConfigurableApplicationContext app =
                ServiceInstance.start(db, "--aggregator.sources=" + file, "--aggregator.polling.enabled=false");
        try (Connection sql = DriverManager.getConnection(
                db.replace("r2dbc:", "jdbc:"),
                TestDatabase.server().user(),
                TestDatabase.server().password())) {
            sql.createStatement()
                    .execute("INSERT INTO source (id, name, url, tags, interval_seconds, politeness_key,"
                            + " last_poll_at, last_success_at, last_status, last_items_found, last_items_new)"
                            + " SELECT 'county-' || n, '县' || n || '政府 工作动态', 'http://county' || n"
                            + " || '.gov.cn/zwdt/', ARRAY['省' || n % 31], 900, 'county' || n || '.gov.cn',"
                            + " now(), now(), 304, 20, 0 FROM generate_series(1, " + SOURCES + ") AS n");
            sql.createStatement()
                    .execute("INSERT INTO source_item_count (source_id, items) SELECT 'county-' || n, "
                            + ITEMS / SOURCES + " + CASE WHEN n <= " + ITEMS % SOURCES
                            + " THEN 1 ELSE 0 END FROM generate_series(1, " + SOURCES + ") AS n");
            sql.createStatement().execute("VACUUM ANALYZE source");
            sql.createStatement().execute("VACUUM ANALYZE source_item_count");
            int port =
                    ((ReactiveWebServerApplicationContext) app).getWebServer().getPort();
            WebClient client = WebClient.builder()
                    .baseUrl("http://127.0.0.1:" + port)
                    .codecs(c -> c.defaultCodecs().maxInMemorySize(256 * 1024 * 1024))
                    .build();
            long version = 0;
            for (int run = 0; run < 6; run++) {
                long start = System.nanoTime();
                String body = client.get()
                        .uri("/api/sources")
                        .retrieve()
                        .bodyToMono(String.class)
                        .block(Duration.ofMinutes(1));
                System.out.printf(
                        "read=all run=%d ms=%.1f bytes=%d%n", run, (System.nanoTime() - start) / 1e6, body.length());
                version = Long.parseLong(body.replaceAll("(?s).*\"version\":(\\d+).*", "$1"));
            }
            // a dashboard's question every 30 s: the sources polled since its answer before last (1,000 here)
            sql.createStatement()
                    .execute("UPDATE source SET last_poll_at = now() WHERE id IN (SELECT 'county-' || n"
                            + " FROM generate_series(1, 1000) AS n)");
            for (int run = 0; run < 6; run++) {
                long start = System.nanoTime();
                String body = client.get()
                        .uri("/api/sources?since=" + version)
                        .retrieve()
                        .bodyToMono(String.class)
                        .block(Duration.ofMinutes(1));
                System.out.printf(
                        "read=since run=%d ms=%.1f bytes=%d%n", run, (System.nanoTime() - start) / 1e6, body.length());
                assertThat(body).contains("county-1000\"").doesNotContain("county-1001\"");
            }
        } finally {
            app.close();
        }
    }
}
