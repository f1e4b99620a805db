package io.countywatch.aggregator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.support.FixtureWeb;
import io.countywatch.aggregator.support.ServiceInstance;
import io.countywatch.aggregator.support.SiteCounts;
import io.countywatch.aggregator.support.TempFolders;
import io.countywatch.aggregator.support.TestDatabase;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Mono;

/**
 * Not a test: the polling benchmark of docs/benchmarks/polling.md. 2,000 list-page sources on 200 loopback hosts
 * (127.0.0.2–127.0.0.201), politeness 2 per host and 100 ms spacing; a first round (every page new) and a steady
 * round (conditional GETs, new items on 10 % of the sources). Every new item's detail page is a real article the
 * service extracts (automatic main-content detection), and it counts in the host's politeness figures. Run with
 * {@code ./mvnw -o verify -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=PollingBenchmark}.
 */
class PollingBenchmark {

    // -Dbench.hosts=2000 -Dbench.perHost=15 -Dbench.items=0: the 30,000-source run of issue 17
    static final int HOSTS = Integer.getInteger("bench.hosts", 200);
    static final int PER_HOST = Integer.getInteger("bench.perHost", 10);
    // -Dbench.instances=2: two service instances on the one database, polling together
    static final int INSTANCES = Integer.getInteger("bench.instances", 1);
    // -Dbench.tuned=true: the settings of the issue-6 runs (400 polls at once, 2 per host); default: shipped defaults
    static final boolean TUNED = Boolean.getBoolean("bench.tuned");
    // -Dbench.seed304=true: a list page not changed since the start answers 304 even unasked, so the first round is
    // all 304s (a cheap stand-in for the round after a first one, and the CPU of a 304 poll alone)
    static final boolean SEED_304 = Boolean.getBoolean("bench.seed304");
    // every n-th host's sources change for the steady round (10: 10 % of the sources); 0: none
    static final int CHANGED_EVERY = Integer.getInteger("bench.changedEvery", 10);
    // new items per source in the first round: the "~5"; -Dbench.items=10 gives the heavier earlier run
    static final int ITEMS = Integer.getInteger("bench.items", 5);
    static final Duration SPACING = Duration.ofMillis(100);
    // -Dbench.pgstats=true prints PostgreSQL's own time per statement after each round; it needs the server started
    // with shared_preload_libraries = 'pg_stat_statements' (e.g. in target/test-pg/postgresql.auto.conf)
    static final boolean PG_STATS = Boolean.getBoolean("bench.pgstats");
    // "stories" (default): each item its own story (CountyStories); "templated": one body for all but the numbers
    static final boolean TEMPLATED = "templated".equals(System.getProperty("bench.articles", "stories"));

    final Map<String, Integer> versions = new ConcurrentHashMap<>();

    String page(String host, int source, int version) {
        StringBuilder html = new StringBuilder("<html><head><meta charset=\"utf-8\"><title>工作动态</title></head>"
                + "<body><h1>县政府 · 工作动态</h1><ul class=\"news\">");
        for (int k = 0; k < ITEMS + version * 2; k++) {
            html.append("<li><a href=\"/s")
                    .append(source)
                    .append('/')
                    .append(k)
                    .append(".html\">")
                    .append(title(host, source, k))
                    .append("</a>")
                    .append("<span class=\"date\">2026-11-")
                    .append(10 + k % 18)
                    .append("</span></li>");
        }
        return html.append("</ul></body></html>").toString();
    }

    static String title(String host, int source, int item) {
        return TEMPLATED
                ? host + " 第" + source + "栏目 第" + item + "条 乡镇工作动态"
                : CountyStories.headline(host, source, item);
    }

    // A county article page: navigation, the story (~600 characters) and the usual footer, for automatic extraction.
    static String article(String host, int source, int item) {
        StringBuilder body = new StringBuilder();
        if (!TEMPLATED) {
            body.append(CountyStories.paragraphs(host, source, item));
        }
        for (int p = 0; TEMPLATED && p < 6; p++) {
            body.append("<p>")
                    .append(host)
                    .append(" 第")
                    .append(source)
                    .append("栏目第")
                    .append(item)
                    .append("条：为切实做好秋冬季安全生产工作，镇党委书记主持召开专题会议，传达学习上级文件精神，")
                    .append("安排部署下一阶段重点任务，要求各村（社区）压实责任、排查隐患、建立台账、限期整改。</p>");
        }
        return "<html><head><meta charset=\"utf-8\"><title>乡镇工作动态</title></head><body>"
                + "<div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/s" + source + "/list.html\">工作动态</a></div>"
                + "<div class=\"article\"><h1>" + title(host, source, item) + "</h1>"
                + "<div class=\"info\">发布时间：2026-11-" + (10 + item % 18) + " 09:30:00 来源：县政府办</div>"
                + body + "</div><div class=\"footer\">分享到： 打印本页 关闭窗口 版权所有 县人民政府</div></body></html>";
    }

    static ByteBuffer encoded(String html) {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    @Test
    void pollsTwoThousandSourcesOnTwoHundredHosts() throws Exception {
        List<FixtureWeb> servers = new ArrayList<>();
        List<SiteCounts> counts = new ArrayList<>();
        StringBuilder yaml = new StringBuilder("defaults:\n  interval: 1h\n  robots: false\nsources:\n");
        for (int h = 0; h < HOSTS; h++) {
            String address = address(h);
            FixtureWeb server = FixtureWeb.start(address);
            SiteCounts host = new SiteCounts();
            servers.add(server);
            counts.add(host);
            for (int s = 0; s < PER_HOST; s++) {
                String path = "/s" + s + "/list.html";
                String key = address + path;
                int source = s;
                versions.put(key, 0);
                // the sites' answers are encoded once, off the heap the service is measured in: they stand in for
                // remote servers, whose work is no part of the service's CPU
                ByteBuffer[] pages = {encoded(page(address, source, 0)), encoded(page(address, source, 1))};
                server.route(path, (request, response) -> {
                    host.started();
                    int version = versions.get(key);
                    String etag = "\"v" + version + "\"";
                    Mono<Void> answer = etag.equals(request.requestHeaders().get("If-None-Match"))
                                    || (SEED_304 && version == 0)
                            ? Mono.from(
                                    response.status(304).header("ETag", etag).send())
                            : Mono.from(response.header("Content-Type", "text/html; charset=utf-8")
                                    .header("ETag", etag)
                                    .send(Mono.just(Unpooled.wrappedBuffer(pages[version].duplicate()))));
                    return answer.doFinally(signal -> host.ended());
                });
                for (int k = 0; k < ITEMS + 2; k++) {
                    ByteBuffer article = encoded(article(address, source, k));
                    server.route("/s" + s + "/" + k + ".html", (request, response) -> {
                        host.started();
                        return Mono.from(response.header("Content-Type", "text/html; charset=utf-8")
                                        .send(Mono.just(Unpooled.wrappedBuffer(article.duplicate()))))
                                .doFinally(signal -> host.ended());
                    });
                }
                yaml.append("  - id: h")
                        .append(h)
                        .append("-s")
                        .append(s)
                        .append('\n')
                        .append("    url: ")
                        .append(server.url(path))
                        .append('\n')
                        .append("    type: html\n")
                        .append("    list: {item: \"ul.news > li\", link: \"a\", title: \"a\", date: \"span.date\"}\n");
            }
        }
        Path file = TempFolders.create("polling-benchmark").resolve("sources.yml");
        Files.writeString(file, yaml.toString(), StandardCharsets.UTF_8);
        String db = TestDatabase.freshDatabase("polling_benchmark");
        String jdbc = db.replace("r2dbc:", "jdbc:");

        List<ConfigurableApplicationContext> app = new ArrayList<>();
        try (Connection sql = DriverManager.getConnection(
                jdbc, TestDatabase.server().user(), TestDatabase.server().password())) {
            if (PG_STATS) {
                sql.createStatement().execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                sql.createStatement().execute("SELECT pg_stat_statements_reset()");
            }
            // the first round's time includes the service's start-up (migrations, sync of 2,000 sources); the
            // start-up alone is printed too
            long[] startup = new long[1];
            Round first = measure("first", sql, counts, 0, () -> {
                long started = System.nanoTime();
                app.add(start(db, file));
                for (int i = 1; i < INSTANCES; i++) {
                    app.add(start(db, file));
                }
                startup[0] = System.nanoTime() - started;
            });
            // the round as the poller sees it: from the service being ready (sources synced at its first tick) to
            // the last source polled
            System.out.printf(
                    "startup=%.1fs (inside the first round's wall time) firstRoundFromReady=%.1fs%n",
                    startup[0] / 1e9, first.seconds() - startup[0] / 1e9);
            printStatements(sql, "first");
            // steady: every source due again; 10 % have new items
            for (int h = 0; h < HOSTS; h++) {
                if (CHANGED_EVERY > 0 && h % CHANGED_EVERY == 0) {
                    for (int s = 0; s < PER_HOST; s++) {
                        versions.put(address(h) + "/s" + s + "/list.html", 1);
                    }
                }
            }
            Timestamps before = timestamps(sql);
            // -Dbench.jfr=steady.jfr: a JFR recording (CPU samples every 10 ms) of the steady round only
            String jfr = System.getProperty("bench.jfr");
            jdk.jfr.Recording recording = null;
            if (jfr != null) {
                recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
                recording.start();
            }
            // every source due at once, inside the measured time (the scheduler starts at its next tick)
            Round steady = measure("steady", sql, counts, before.maxPoll, () -> {
                try {
                    sql.createStatement().executeUpdate("UPDATE source SET next_poll_at = now()");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            if (recording != null) {
                recording.dump(Path.of(jfr));
                recording.close();
            }
            printStatements(sql, "steady");
            System.out.println(first);
            System.out.println(steady);
            for (SiteCounts host : counts) {
                assertThat(host.maxInFlight.get()).isLessThanOrEqualTo(TUNED ? 2 : 1);
            }
        } finally {
            app.forEach(ConfigurableApplicationContext::close);
            servers.forEach(FixtureWeb::close);
        }
    }

    // PostgreSQL's execution time per statement since the last call (the server's side of the round)
    static void printStatements(Connection sql, String round) throws Exception {
        if (!PG_STATS) {
            return;
        }
        try (ResultSet rows = sql.createStatement()
                .executeQuery(
                        "SELECT calls, round(total_exec_time) AS ms, round((total_exec_time / calls)::numeric, 2) AS mean, rows,"
                                + " left(regexp_replace(query, '\\s+', ' ', 'g'), 100) AS q"
                                + " FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 15")) {
            while (rows.next()) {
                System.out.printf(
                        "pgstats round=%s calls=%d totalMs=%d meanMs=%s rows=%d %s%n",
                        round, rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getLong(4), rows.getString(5));
            }
        }
        try (ResultSet rows = sql.createStatement()
                .executeQuery("SELECT sum(calls), round(sum(total_exec_time)) FROM pg_stat_statements")) {
            rows.next();
            System.out.printf("pgstats round=%s allCalls=%d allMs=%d%n", round, rows.getLong(1), rows.getLong(2));
        }
        sql.createStatement().execute("SELECT pg_stat_statements_reset()");
    }

    // 127.0.0.2 onwards, past 127.0.0.255 into 127.0.1.x (all of 127/8 is loopback on Linux)
    static String address(int host) {
        int n = host + 2;
        return "127.0." + (n / 250) + "." + (n % 250 + (n / 250 == 0 ? 0 : 2));
    }

    static ConfigurableApplicationContext start(String db, Path file) {
        if (!TUNED) {
            // the shipped defaults but for the spacing, lowered from 1 s so that a round fits in a benchmark
            return ServiceInstance.start(
                    db,
                    "--aggregator.sources=" + file,
                    "--aggregator.fetch.host-spacing=" + SPACING.toMillis() + "ms",
                    "--aggregator.fetch.domain-spacing=" + SPACING.toMillis() + "ms",
                    "--logging.level.io.countywatch.aggregator.poll=" + System.getProperty("bench.pollLog", "INFO"));
        }
        return ServiceInstance.start(
                db,
                "--aggregator.sources=" + file,
                "--aggregator.polling.tick=100ms",
                "--aggregator.polling.concurrency=400",
                "--aggregator.fetch.host-concurrency=2",
                "--aggregator.fetch.domain-concurrency=2",
                "--aggregator.fetch.host-spacing=" + SPACING.toMillis() + "ms",
                "--aggregator.fetch.domain-spacing=" + SPACING.toMillis() + "ms",
                "--aggregator.fetch.global-concurrency=400",
                "--logging.level.io.countywatch.aggregator.poll=INFO");
    }

    record Timestamps(long polled, long maxPoll) {}

    Timestamps timestamps(Connection sql) throws Exception {
        try (ResultSet rows = sql.createStatement()
                .executeQuery(
                        "SELECT count(last_poll_at), coalesce(max(extract(epoch FROM last_poll_at) * 1000), 0) FROM source")) {
            rows.next();
            return new Timestamps(rows.getLong(1), rows.getLong(2));
        }
    }

    // peakHeapMb: the most heap in use at once, sampled every 100 ms; poolPeaksMb: the sum of each heap pool's own
    // peak, an upper bound (eden, survivor and old gen peak at different moments, so it can exceed -Xmx)
    record Round(
            String name,
            double seconds,
            double cpuSeconds,
            double serviceCpuSeconds,
            long peakHeapMb,
            long poolPeaksMb,
            int requests,
            long items,
            int maxPerHost,
            double minSpacingMs,
            long failures) {
        @Override
        public String toString() {
            return String.format(
                    "round=%s wall=%.1fs cpu=%.1fs serviceCpu=%.1fs cpuPerRequestMs=%.2f peakHeap=%dMB poolPeaks=%dMB requests=%d req/s=%.0f items=%d failures=%d"
                            + " maxConcurrentPerHost=%d minSpacingPerHost=%.1fms",
                    name,
                    seconds,
                    cpuSeconds,
                    serviceCpuSeconds,
                    serviceCpuSeconds * 1000 / Math.max(1, requests),
                    peakHeapMb,
                    poolPeaksMb,
                    requests,
                    requests / seconds,
                    items,
                    failures,
                    maxPerHost,
                    minSpacingMs);
        }
    }

    Round measure(String name, Connection sql, List<SiteCounts> counts, long polledAfterMillis, Runnable kick)
            throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        counts.forEach(SiteCounts::resetPeaks);
        long serviceCpu = ServiceCpu.nanos();
        int requestsBefore = counts.stream().mapToInt(c -> c.requests.get()).sum();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        int total = HOSTS * PER_HOST;
        kick.run();
        var memory = ManagementFactory.getMemoryMXBean();
        java.util.concurrent.atomic.AtomicLong sampledPeak = new java.util.concurrent.atomic.AtomicLong();
        Awaitility.await()
                .ignoreExceptions()
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    sampledPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try (ResultSet rows = sql.createStatement()
                            .executeQuery("SELECT count(*) FROM source WHERE active AND last_poll_at IS NOT NULL"
                                    + " AND extract(epoch FROM last_poll_at) * 1000 > " + polledAfterMillis
                                    + " AND lease_owner IS NULL")) {
                        rows.next();
                        return rows.getLong(1) >= total;
                    }
                });
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
        double serviceCpuSeconds = (ServiceCpu.nanos() - serviceCpu) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
        long items;
        long failures;
        try (ResultSet rows = sql.createStatement()
                .executeQuery(
                        "SELECT (SELECT count(*) FROM item), (SELECT count(*) FROM source WHERE consecutive_failures > 0)")) {
            rows.next();
            items = rows.getLong(1);
            failures = rows.getLong(2);
        }
        int requests = counts.stream().mapToInt(c -> c.requests.get()).sum() - requestsBefore;
        int maxPerHost =
                counts.stream().mapToInt(c -> c.maxInFlight.get()).max().orElse(0);
        double minSpacing =
                counts.stream().mapToLong(c -> c.minGapNanos.get()).min().orElse(0) / 1e6;
        return new Round(
                name,
                seconds,
                cpuSeconds,
                serviceCpuSeconds,
                sampledPeak.get() / (1024 * 1024),
                peak,
                requests,
                items,
                maxPerHost,
                minSpacing,
                failures);
    }
}
