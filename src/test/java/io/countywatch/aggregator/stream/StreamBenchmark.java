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
import java.util.concurrent.atomic.AtomicLong;
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

    static final long WARMING_UP = Long.MIN_VALUE;
    static final int WARMUP_ITEMS = 200;

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int items = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        String url = TestDatabase.freshDatabase("stream_bench");
        int port = freePort();
        Process server = startServer(url, port);
        try {
            awaitUp(port);
            DatabaseClient db = database(url);
            db.sql(
                            "INSERT INTO source (id, name, url, tags, interval_seconds) VALUES ('bench', '基准测试站', 'http://127.0.0.1:9/', '{bench}', 600)")
                    .then()
                    .block();
            run(db, port, clients, items, server.pid());
        } catch (Exception | Error e) {
            e.printStackTrace(System.out);
        } finally {
            server.destroy();
            server.waitFor();
            System.exit(0);
        }
    }

    static void run(DatabaseClient db, int port, int clients, int items, long serverPid) throws Exception {
        AtomicLongArray commitNanos = new AtomicLongArray(items);
        long[][] latencies = new long[clients][];
        int[] received = new int[clients];
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        ConnectionProvider pool = ConnectionProvider.builder("bench")
                .maxConnections(clients + 10)
                .pendingAcquireMaxCount(-1)
                .build();
        var http = reactor.netty.http.client.HttpClient.create(pool)
                .runOn(LoopResources.create("bench-client", 2, true))
                .baseUrl("http://127.0.0.1:" + port);
        List<reactor.core.Disposable> streams = new ArrayList<>();
        AtomicLong baseId = new AtomicLong(WARMING_UP); // then the last event id before the burst
        AtomicLong warmedUp = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong unexpected = new AtomicLong();
        AtomicLong reads = new AtomicLong(); // chunks of the response body that reached the clients
        AtomicLong bytes = new AtomicLong(); // and their bytes
        for (int c = 0; c < clients; c++) {
            int client = c;
            long[] row = latencies[c] = new long[items]; // receipt time by event id - baseId - 1
            Arrays.fill(row, -1);
            long[] chunkNanos = {0};
            AtomicLong clientReads = reads;
            AtomicLong clientBytes = bytes;
            SseIdScanner scanner = new SseIdScanner(
                    id -> {
                        long k = id - baseId.get() - 1;
                        if (baseId.get() == WARMING_UP) {
                            warmedUp.incrementAndGet();
                        } else if (k < 0 || k >= items) {
                            unexpected.incrementAndGet();
                        } else if (row[(int) k] >= 0) {
                            duplicates.incrementAndGet();
                        } else {
                            row[(int) k] = chunkNanos[0];
                            received[client]++;
                        }
                    },
                    connected::incrementAndGet);
            ResponseReceiver<?> get = http.get().uri("/stream?tag=bench");
            // raw bytes, scanned in place for id: lines (see SseIdScanner): the reading must not be the bottleneck
            streams.add(get.responseContent()
                    .subscribe(
                            chunk -> {
                                chunkNanos[0] = System.nanoTime();
                                clientBytes.addAndGet(chunk.readableBytes());
                                scanner.scan(chunk);
                                clientReads.incrementAndGet();
                            },
                            e -> {
                                if (ended.incrementAndGet() == 1) {
                                    System.out.println("first stream to end: " + e);
                                }
                            },
                            ended::incrementAndGet));
            if (c % 500 == 499) {
                // let accepts keep up: the previous 500 are connected before the next 500 dial
                int batchStart = c - 499;
                awaitQuietly(Duration.ofSeconds(30), Duration.ofMillis(50), () -> connected.get() >= batchStart);
            }
        }
        awaitQuietly(Duration.ofSeconds(120), Duration.ofMillis(100), () -> connected.get() >= clients);
        System.out.printf(
                "clients connected: %d of %d; load average %s%n",
                connected.get(),
                clients,
                java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim());
        Metrics before = Metrics.read(port);

        // a warm-up burst, not measured: a service that has run for a while has its code compiled (JIT)
        insert(db, "warm", WARMUP_ITEMS, new AtomicLongArray(WARMUP_ITEMS));
        boolean warm = awaitQuietly(
                Duration.ofSeconds(60), Duration.ofMillis(100), () -> warmedUp.get() >= (long) clients * WARMUP_ITEMS);
        System.out.printf(
                "warm-up: %d items to every client, %s%n", WARMUP_ITEMS, warm ? "all delivered" : "NOT all delivered");
        baseId.set(db.sql("SELECT coalesce(max(id), 0) AS head FROM item_event")
                .map(row -> row.get("head", Long.class))
                .one()
                .block());
        CpuTimes cpuBefore = CpuTimes.read(serverPid);
        ThreadCpu threadsBefore = ThreadCpu.read(serverPid);
        long readsBefore = reads.get();
        long bytesBefore = bytes.get();
        Instant start = Instant.now();
        insert(db, "bench", items, commitNanos);
        System.out.printf(
                "burst of %d items committed in %d ms%n",
                items, Duration.between(start, Instant.now()).toMillis());

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
            return now >= expected
                    || System.nanoTime() - progress[0] >= Duration.ofSeconds(20).toNanos();
        });
        Metrics peak = peakHolder[0];
        CpuTimes cpu = CpuTimes.read(serverPid).minus(cpuBefore);
        String byThread = ThreadCpu.read(serverPid).since(threadsBefore);
        streams.forEach(reactor.core.Disposable::dispose);
        long got = total(received);
        // event ids → item numbers (the burst's commit times are by item)
        long[] commitOf = new long[items];
        db.sql("SELECT e.id, i.title FROM item_event e JOIN item i ON i.seq = e.item_seq WHERE e.id > :base")
                .bind("base", baseId.get())
                .map(row -> new long[] {
                    row.get("id", Long.class),
                    Long.parseLong(row.get("title", String.class).substring(6))
                })
                .all()
                .doOnNext(pair -> commitOf[(int) (pair[0] - baseId.get() - 1)] = commitNanos.get((int) pair[1]))
                .blockLast();
        long[] all = Arrays.stream(latencies)
                .flatMapToLong(row -> {
                    long[] out = new long[items];
                    int k = 0;
                    for (int n = 0; n < items; n++) {
                        if (row[n] > 0) {
                            out[k++] = row[n] - commitOf[n];
                        }
                    }
                    return Arrays.stream(out, 0, k);
                })
                .sorted()
                .toArray();
        // the first client to get an item measures the database and NOTIFY path; the spread is the fan-out
        long[] first = new long[items];
        for (int n = 0; n < items; n++) {
            long min = Long.MAX_VALUE;
            for (int c = 0; c < clients; c++) {
                if (latencies[c][n] > 0) {
                    min = Math.min(min, latencies[c][n] - commitOf[n]);
                }
            }
            first[n] = min;
        }
        Arrays.sort(first);
        System.out.printf(
                "latency to the first client: p50 %d ms, p99 %d ms%n",
                first[items / 2] / 1_000_000, first[(int) (items * 0.99)] / 1_000_000);
        System.out.printf(
                "events delivered: %d of %d (missing after the %d s deadline: %d), duplicates: %d, unexpected ids: %d, "
                        + "streams ended early: %d, waiting ended %d ms after the burst began%n",
                got,
                expected,
                180,
                expected - got,
                duplicates.get(),
                unexpected.get(),
                ended.get(),
                Duration.between(start, Instant.now()).toMillis());
        if (all.length > 0) {
            System.out.printf(
                    "latency commit->receipt: p50 %d ms, p99 %d ms, max %d ms%n",
                    all[all.length / 2] / 1_000_000,
                    all[(int) (all.length * 0.99)] / 1_000_000,
                    all[all.length - 1] / 1_000_000);
        }
        System.out.printf(
                "body chunks received during the burst: %d, %.1f per client (about one per server write), "
                        + "%d MB, %d bytes per event%n",
                reads.get() - readsBefore,
                (reads.get() - readsBefore) / (double) clients,
                (bytes.get() - bytesBefore) / 1_048_576,
                got == 0 ? 0 : (bytes.get() - bytesBefore) / got);
        System.out.printf(
                "server heap used: %d MB before the burst, %d MB at most during it (-Xmx512m); "
                        + "process CPU at most %.0f%% of %d cores%n",
                before.heapBytes / 1_048_576,
                peak.heapBytes / 1_048_576,
                peak.cpu * 100,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(
                "CPU seconds from the burst to the end of waiting (%.1f s wall): service %.1f (kernel %.1f), "
                        + "load generator %.1f (kernel %.1f), whole machine %.1f (the rest: PostgreSQL and other processes)%n",
                Duration.between(start, Instant.now()).toMillis() / 1000.0,
                cpu.server,
                cpu.serverSys,
                cpu.client,
                cpu.clientSys,
                cpu.machine);
        System.out.println("service CPU seconds by thread (names without numbers; user + kernel): " + byThread);
    }

    /** CPU seconds used so far by the service process, this JVM (the load generator) and the whole machine. */
    record CpuTimes(double server, double serverSys, double client, double clientSys, double machine) {
        static CpuTimes read(long serverPid) throws IOException {
            String[] stat = java.nio.file.Files.readString(Path.of("/proc/" + serverPid + "/stat"))
                    .replaceFirst("^.*\\) ", "")
                    .split(" ");
            double ticks = 100.0; // USER_HZ
            double server = (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / ticks;
            double serverSys = Long.parseLong(stat[12]) / ticks;
            String[] self = java.nio.file.Files.readString(Path.of("/proc/self/stat"))
                    .replaceFirst("^.*\\) ", "")
                    .split(" ");
            double client = (Long.parseLong(self[11]) + Long.parseLong(self[12])) / ticks;
            double clientSys = Long.parseLong(self[12]) / ticks;
            String[] all = java.nio.file.Files.readAllLines(Path.of("/proc/stat"))
                    .get(0)
                    .trim()
                    .split("\\s+");
            long busy = 0;
            for (int i = 1; i < all.length; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(all[i]);
                }
            }
            return new CpuTimes(server, serverSys, client, clientSys, busy / ticks);
        }

        CpuTimes minus(CpuTimes earlier) {
            return new CpuTimes(
                    server - earlier.server,
                    serverSys - earlier.serverSys,
                    client - earlier.client,
                    clientSys - earlier.clientSys,
                    machine - earlier.machine);
        }
    }

    /** Inserts {@code items} items, 8 at a time, recording when each one's INSERT (and so its commit) returned. */
    static void insert(DatabaseClient db, String prefix, int items, AtomicLongArray commitNanos) {
        Flux.range(0, items)
                .flatMap(
                        n -> db.sql("""
                        INSERT INTO item (source_id, url, title, summary, published_at, date_origin, fetched_at,
                                          updated_at, content_hash)
                        VALUES ('bench', :url, :title, '基准测试稿件摘要', now(), 'fetched', now(), now(), md5(:title))""")
                                .bind("url", "http://127.0.0.1:9/" + prefix + "/" + n + ".html")
                                .bind("title", prefix + "-" + n)
                                .then()
                                .doOnSuccess(v -> commitNanos.set(n, System.nanoTime())),
                        8)
                .then()
                .block();
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
                String body = JDK.send(
                                HttpRequest.newBuilder(
                                                URI.create("http://127.0.0.1:" + port + "/actuator/metrics/" + metric))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                Matcher m = Pattern.compile("\"value\":([0-9.E+-]+)").matcher(body);
                return m.find() ? Double.parseDouble(m.group(1)) : 0;
            } catch (IOException | InterruptedException e) {
                return 0;
            }
        }
    }

    static Process startServer(String url, int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
        // e.g. -Dbench.serverJvmArgs="-XX:StartFlightRecording=filename=/tmp/sse.jfr" to profile the service
        String extra = System.getProperty("bench.serverJvmArgs", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                AggregatorApplication.class.getName(),
                "--server.port=" + port,
                "--aggregator.db.url=" + url,
                "--aggregator.db.username=" + TestDatabase.server().user(),
                "--aggregator.db.password=" + TestDatabase.server().password(),
                "--aggregator.polling.enabled=false",
                "--logging.level.root=WARN"));
        return new ProcessBuilder(command).inheritIO().start();
    }

    static void awaitUp(int port) {
        if (!awaitQuietly(
                Duration.ofSeconds(120),
                Duration.ofMillis(200),
                () -> Metrics.value(port, "process.cpu.usage") >= 0 && Metrics.value(port, "jvm.memory.used") > 0)) {
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
        var options = ConnectionFactoryOptions.parse(url)
                .mutate()
                .option(ConnectionFactoryOptions.USER, TestDatabase.server().user())
                .option(ConnectionFactoryOptions.PASSWORD, TestDatabase.server().password())
                .build();
        // a pool, or every insert would pay for a new connection and its authentication
        var pool = new io.r2dbc.pool.ConnectionPool(
                io.r2dbc.pool.ConnectionPoolConfiguration.builder(ConnectionFactories.get(options))
                        .initialSize(8)
                        .maxSize(8)
                        .build());
        return DatabaseClient.create(pool);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
