package io.countywatch.aggregator.bench;

import io.countywatch.aggregator.AggregatorApplication;
import io.countywatch.aggregator.db.embedded.LocalPostgres;
import io.countywatch.aggregator.db.embedded.LocalPostgresSettings;
import io.countywatch.aggregator.db.embedded.RunningPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Feed serving at 1,000,000 stored items (see docs/benchmarks/feeds.md): starts an embedded PostgreSQL in
 * target/bench-pg, the service on port 8089, bulk-loads the items once with generate_series, measures a cold
 * render of a 50-item feed, then runs wrk (64 connections) on full responses with the cache warm and cold and on
 * 304 answers. Not a test: run it with bench/feeds.sh.
 */
public final class FeedBenchmark {

    static final int PORT = 8089;
    static final int SOURCES = 100;
    static final int ITEMS = 1_000_000;

    public static void main(String[] args) throws Exception {
        String seconds = args.length > 0 ? args[0] : "10";
        RunningPostgres pg =
                LocalPostgres.start(new LocalPostgresSettings(Path.of("target/bench-pg"), 0, "aggregator"));
        ConfigurableApplicationContext app = new SpringApplicationBuilder(AggregatorApplication.class)
                .run(
                        "--server.port=" + PORT,
                        "--aggregator.db.url=" + pg.r2dbcUrl(),
                        "--aggregator.db.username=" + pg.user(),
                        "--aggregator.db.password=" + pg.password(),
                        "--aggregator.sources=" + sourcesFile(),
                        "--logging.level.io.countywatch.aggregator=WARN");
        try {
            load(pg);
            String base = "http://127.0.0.1:" + PORT;
            coldRender(base + "/feeds/all.atom?limit=50", 200);
            coldRender(base + "/feeds/tag/xiaogan.atom?limit=50", 200);
            coldRender(base + "/feeds/source/county-7.atom?limit=50", 200);
            // Keywords: common and absent, of 3, 2 and 1 characters (the data has 防汛 in a fifth of the titles).
            for (String q : List.of("常务会议", "第12345次", "研究部署防汛", "防汛", "汛期", "会议", "汛", "旱")) {
                coldRender(base + "/feeds/all.atom?limit=50&q=" + java.net.URLEncoder.encode(q, "UTF-8"), 5);
            }
            List<String> paths = List.of("/feeds/all.atom", "/feeds/tag/xiaogan.atom");
            // Warm the JIT on the serving path first: otherwise whichever feed is measured first pays for it.
            for (String path : paths) {
                wrk("JIT warm-up, not a measurement " + path, "5", base + path);
            }
            for (String path : paths) {
                String etag = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(base + path)).build(),
                                HttpResponse.BodyHandlers.ofByteArray())
                        .headers()
                        .firstValue("ETag")
                        .orElseThrow();
                wrk("warm cache, full 200 " + path, seconds, base + path);
                wrk("warm cache, full 200 gzip " + path, seconds, "-H", "Accept-Encoding: gzip", base + path);
                wrk("304 (If-None-Match) " + path, seconds, "-H", "If-None-Match: " + etag, base + path);
                wrk("cold cache (unique query per request) " + path, seconds, "-s", "bench/unique.lua", base + path);
            }
        } finally {
            app.close();
            pg.close();
        }
    }

    static String sourcesFile() throws IOException {
        var yaml = new StringBuilder("defaults:\n  interval: 6h\nsources:\n");
        for (int n = 1; n <= SOURCES; n++) {
            // An unroutable feed URL: the one poll at start-up fails fast and stores nothing.
            yaml.append("  - id: county-")
                    .append(n)
                    .append("\n    name: 第")
                    .append(n)
                    .append("县人民政府\n")
                    .append("    url: http://127.0.0.1:9/feed.xml\n    type: feed\n    robots: false\n")
                    .append("    tags: [hubei")
                    .append(n % 10 == 0 ? ", xiaogan" : "")
                    .append("]\n");
        }
        Path file = Path.of("target/bench-sources.yml");
        Files.writeString(file, yaml);
        return file.toAbsolutePath().toString();
    }

    static void load(RunningPostgres pg) throws Exception {
        try (var db = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                var sql = db.createStatement()) {
            // the service syncs the sources file into the table at its first polling round
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        var count = sql.executeQuery("SELECT count(*) FROM source");
                        count.next();
                        return count.getInt(1) >= SOURCES;
                    });
            var rs = sql.executeQuery("SELECT count(*) FROM item");
            rs.next();
            if (rs.getLong(1) >= ITEMS) {
                System.out.println("items already loaded: " + rs.getLong(1));
                return;
            }
            long start = System.nanoTime();
            // The keyword index is built once after the load: far faster than maintaining it row by row. (The rows'
            // keyword terms are filled by V8's trigger, since this SQL load does not compute them in the JVM.)
            sql.execute("DROP INDEX IF EXISTS item_bigram_codes");
            sql.execute("""
                    INSERT INTO item (source_id, url, title, summary, content, published_at, date_origin, fetched_at,
                                      updated_at, content_hash)
                    SELECT 'county-' || (mod(n, %1$d) + 1), 'http://county' || (mod(n, %1$d) + 1) || '.gov.cn/art/' || n || '.html',
                           '县政府召开第' || n || '次常务会议 研究部署' || (ARRAY['防汛','招商','教育','医疗','环保'])[mod(n, 5) + 1] || '工作',
                           '会议听取了有关情况汇报，研究部署下一阶段重点工作。编号' || md5(n::text),
                           '<p>' || repeat('会议强调，要坚持以人民为中心，扎实做好各项工作。', 12) || '</p>',
                           timestamptz '2021-01-01 00:00+08' + n * interval '1 minute', 'source',
                           now(), now(), md5(n::text)
                    FROM generate_series(1, %2$d) n""".formatted(SOURCES, ITEMS));
            sql.execute("CREATE INDEX item_bigram_codes ON item USING gin (bigrams)");
            sql.execute("ANALYZE item");
            System.out.printf("loaded %,d items in %.1f s%n", ITEMS, (System.nanoTime() - start) / 1e9);
        }
    }

    // Each request has a query the cache has never seen, so each one queries and renders.
    static void coldRender(String url, int count) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<Double> millis = new ArrayList<>();
        int warmup = Math.min(20, count / 4);
        for (int i = 0; i < count + warmup; i++) {
            var request = HttpRequest.newBuilder(URI.create(url + "&bench=" + System.nanoTime()))
                    .build();
            long start = System.nanoTime();
            var response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            double ms = (System.nanoTime() - start) / 1e6;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + ": HTTP " + response.statusCode());
            }
            if (i >= warmup) {
                millis.add(ms);
            }
        }
        Collections.sort(millis);
        System.out.printf(
                "cold render %s: p50 %.1f ms, p90 %.1f ms, max %.1f ms (%d sequential requests)%n",
                java.net.URLDecoder.decode(url, "UTF-8"),
                millis.get(count / 2),
                millis.get(count * 9 / 10),
                millis.get(count - 1),
                count);
    }

    static void wrk(String label, String seconds, String... args) throws Exception {
        var command = new ArrayList<>(List.of("wrk", "-t2", "-c64", "-d" + seconds + "s", "--latency"));
        command.addAll(List.of(args));
        System.out.println("== " + label + ": " + String.join(" ", command));
        Process wrk = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .inheritIO()
                .start();
        wrk.waitFor();
    }
}
