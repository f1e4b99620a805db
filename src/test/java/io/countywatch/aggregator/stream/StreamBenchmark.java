package io.countywatch.aggregator.stream;

import io.countywatch.aggregator.AggregatorApplication;
import io.countywatch.aggregator.support.TestDatabase;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient.ResponseReceiver;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * {@code /stream} under load: N concurrent SSE clients on one instance (a separate JVM with -Xmx512m), then a
 * burst of M new items; prints delivery latency from commit to receipt (p50, p99), events lost, the server's heap
 * and CPU. How to run it: docs/benchmarks/live.md.
 */
public final class StreamBenchmark {

    private static final Pattern TITLE = Pattern.compile("\"title\":\"bench-(\\d+)\"");

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int items = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        String url = TestDatabase.freshDatabase("stream_bench");
        int port = freePort();
        Process server = startServer(url, port);
        try {
            awaitUp(port);
            DatabaseClient db = database(url);
            db.sql("INSERT INTO source (id, name, url, tags, interval_seconds) VALUES ('bench', '基准测试站', 'http://127.0.0.1:9/', '{bench}', 600)")
                    .then().block();
            run(db, port, clients, items);
        } catch (Exception | Error e) {
            e.printStackTrace(System.out);
        } finally {
            server.destroy();
            server.waitFor();
            System.exit(0);
        }
    }

    static void run(DatabaseClient db, int port, int clients, int items) throws Exception {
        AtomicLongArray commitNanos = new AtomicLongArray(items);
        long[][] latencies = new long[clients][];
        int[] received = new int[clients];
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        ConnectionProvider pool = ConnectionProvider.builder("bench").maxConnections(clients + 10)
                .pendingAcquireMaxCount(-1).build();
        var http = reactor.netty.http.client.HttpClient.create(pool)
                .runOn(LoopResources.create("bench-client", 2, true))
                .baseUrl("http://127.0.0.1:" + port);
        List<reactor.core.Disposable> streams = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            latencies[c] = new long[items];
            Arrays.fill(latencies[c], -1);
            StringBuilder carry = new StringBuilder();
            ResponseReceiver<?> get = http.get().uri("/stream?tag=bench");
            streams.add(get.responseContent().asString()
                    .doOnSubscribe(s -> {})
                    .subscribe(chunk -> {
                        long now = System.nanoTime();
                        if (carry.length() == 0 && received[client] == 0 && chunk.contains(":connected")) {
                            connected.incrementAndGet();
                        }
                        carry.append(chunk);
                        int cut = carry.lastIndexOf("\n");
                        if (cut < 0) {
                            return;
                        }
                        Matcher m = TITLE.matcher(carry.substring(0, cut));
                        while (m.find()) {
                            int n = Integer.parseInt(m.group(1));
                            if (latencies[client][n] < 0) {
                                latencies[client][n] = now;
                                received[client]++;
                            }
                        }
                        carry.delete(0, cut + 1);
                    }, e -> {
                        if (ended.incrementAndGet() == 1) {
                            System.out.println("first stream to end: " + e);
                        }
                    }, ended::incrementAndGet));
            if (c % 500 == 499) {
                // let accepts keep up: the previous 500 are connected before the next 500 dial
                int batchStart = c - 499;
                awaitQuietly(Duration.ofSeconds(30), Duration.ofMillis(50), () -> connected.get() >= batchStart);
            }
        }
        awaitQuietly(Duration.ofSeconds(120), Duration.ofMillis(100), () -> connected.get() >= clients);
        System.out.printf("clients connected: %d of %d; load average %s%n", connected.get(), clients,
                java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim());
        Metrics before = Metrics.read(port);

        Instant start = Instant.now();
        Flux.range(0, items)
                .flatMap(n -> db.sql("""
                        INSERT INTO item (source_id, url, title, summary, published_at, date_origin, fetched_at,
                                          updated_at, content_hash)
                        VALUES ('bench', :url, :title, '基准测试稿件摘要', now(), 'fetched', now(), now(), md5(:title))""")
                        .bind("url", "http://127.0.0.1:9/bench/" + n + ".html")
                        .bind("title", "bench-" + n)
                        .then()
                        .doOnSuccess(v -> commitNanos.set(n, System.nanoTime())), 8)
                .then()
                .block();
        System.out.printf("burst of %d items committed in %d ms%n", items, Duration.between(start, Instant.now()).toMillis());

        long expected = (long) clients * items;
        Metrics[] peakHolder = {before};
        long[] progress = {System.nanoTime(), -1}; // last time the count moved, the count then
        // until everything arrived, 180 s passed, or nothing moved for 20 s; sampling the server every 250 ms
        awaitQuietly(Duration.ofSeconds(180), Duration.ofMillis(250), () -> {
            peakHolder[0] = peakHolder[0].max(Metrics.read(port));
            long now = total(received);
            if (now != progress[1]) {
                progress[1] = now;
                progress[0] = System.nanoTime();
            }
            return now >= expected || System.nanoTime() - progress[0] >= Duration.ofSeconds(20).toNanos();
        });
        Metrics peak = peakHolder[0];
        streams.forEach(reactor.core.Disposable::dispose);
        long got = total(received);
        long[] all = Arrays.stream(latencies).flatMapToLong(row -> {
                    long[] out = new long[items];
                    int k = 0;
                    for (int n = 0; n < items; n++) {
                        if (row[n] > 0) {
                            out[k++] = row[n] - commitNanos.get(n);
                        }
                    }
                    return Arrays.stream(out, 0, k);
                }).sorted().toArray();
        // the first client to get an item measures the database and NOTIFY path; the spread is the fan-out
        long[] first = new long[items];
        for (int n = 0; n < items; n++) {
            long min = Long.MAX_VALUE;
            for (int c = 0; c < clients; c++) {
                if (latencies[c][n] > 0) {
                    min = Math.min(min, latencies[c][n] - commitNanos.get(n));
                }
            }
            first[n] = min;
        }
        Arrays.sort(first);
        System.out.printf("latency to the first client: p50 %d ms, p99 %d ms%n",
                first[items / 2] / 1_000_000, first[(int) (items * 0.99)] / 1_000_000);
        System.out.printf("events delivered: %d of %d (missing after the %d s deadline: %d), streams ended early: %d, "
                        + "waiting ended %d ms after the burst began%n",
                got, expected, 180, expected - got, ended.get(), Duration.between(start, Instant.now()).toMillis());
        if (all.length > 0) {
            System.out.printf("latency commit->receipt: p50 %d ms, p99 %d ms, max %d ms%n",
                    all[all.length / 2] / 1_000_000, all[(int) (all.length * 0.99)] / 1_000_000, all[all.length - 1] / 1_000_000);
        }
        System.out.printf("server heap used: %d MB before the burst, %d MB at most during it (-Xmx512m); "
                        + "process CPU at most %.0f%% of %d cores%n",
                before.heapBytes / 1_048_576, peak.heapBytes / 1_048_576, peak.cpu * 100, Runtime.getRuntime().availableProcessors());
    }

    static long total(int[] counts) {
        long sum = 0;
        for (int c : counts) {
            sum += c;
        }
        return sum;
    }

    /** Heap and CPU of the server, from its actuator. */
    record Metrics(long heapBytes, double cpu) {
        static final HttpClient JDK = HttpClient.newHttpClient();

        static Metrics read(int port) {
            return new Metrics((long) value(port, "jvm.memory.used?tag=area:heap"), value(port, "process.cpu.usage"));
        }

        Metrics max(Metrics other) {
            return new Metrics(Math.max(heapBytes, other.heapBytes), Math.max(cpu, other.cpu));
        }

        static double value(int port, String metric) {
            try {
                String body = JDK.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/metrics/" + metric)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = Pattern.compile("\"value\":([0-9.E+-]+)").matcher(body);
                return m.find() ? Double.parseDouble(m.group(1)) : 0;
            } catch (IOException | InterruptedException e) {
                return 0;
            }
        }
    }

    static Process startServer(String url, int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                AggregatorApplication.class.getName(),
                "--server.port=" + port,
                "--aggregator.db.url=" + url,
                "--aggregator.db.username=" + TestDatabase.server().user(),
                "--aggregator.db.password=" + TestDatabase.server().password(),
                "--aggregator.polling.enabled=false",
                "--logging.level.root=WARN")
                .inheritIO()
                .start();
    }

    static void awaitUp(int port) {
        if (!awaitQuietly(Duration.ofSeconds(120), Duration.ofMillis(200), () ->
                Metrics.value(port, "process.cpu.usage") >= 0 && Metrics.value(port, "jvm.memory.used") > 0)) {
            throw new IllegalStateException("server did not start on port " + port);
        }
    }

    /** Waits for the condition; false when it did not hold in time (the benchmark reports what it got). */
    static boolean awaitQuietly(Duration atMost, Duration every, java.util.concurrent.Callable<Boolean> condition) {
        try {
            org.awaitility.Awaitility.await()
                    .atMost(atMost)
                    .pollInterval(every)
                    .ignoreExceptions()
                    .until(condition);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException timedOut) {
            return false;
        }
    }

    static DatabaseClient database(String url) {
        var options = ConnectionFactoryOptions.parse(url).mutate()
                .option(ConnectionFactoryOptions.USER, TestDatabase.server().user())
                .option(ConnectionFactoryOptions.PASSWORD, TestDatabase.server().password())
                .build();
        // a pool, or every insert would pay for a new connection and its authentication
        var pool = new io.r2dbc.pool.ConnectionPool(io.r2dbc.pool.ConnectionPoolConfiguration
                .builder(ConnectionFactories.get(options)).initialSize(8).maxSize(8).build());
        return DatabaseClient.create(pool);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
