package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.dedupe.Candidate;
import io.countywatch.aggregator.dedupe.DedupePlanner;
import io.countywatch.aggregator.dedupe.LabelledCorpus;
import io.countywatch.aggregator.dedupe.StoryTemplates;
import io.countywatch.aggregator.dedupe.TextPrint;
import io.countywatch.aggregator.extract.html.HtmlSanitizer;
import io.countywatch.aggregator.item.DateOrigin;
import io.countywatch.aggregator.item.ExtractedItem;
import io.countywatch.aggregator.store.StoreDatabase;
import io.countywatch.aggregator.store.items.NewItem;
import io.countywatch.aggregator.store.items.StoryRepository;
import io.countywatch.aggregator.support.TestDatabase;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Loads N stored items (default 1,000,000) with real text prints into the embedded PostgreSQL by COPY, then
 * stores M new items (default 20,000: new stories, reposts of stored ones, repeats of the same URL) through the
 * deduplicating store with C concurrent stores, and prints items/s, latency percentiles and the lookup's plan.
 * Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.countywatch.aggregator.poll.DedupeBenchmark -Dexec.args="1000000 20000 8"}.
 */
public final class DedupeBenchmark {

    private static final ZoneOffset CST = ZoneOffset.ofHours(8);
    private static final int SOURCES = 200;

    public static void main(String[] args) throws Exception {
        int stored = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int ingest = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        // one ingest round per concurrency given ("2,4,8"), each with its own new items, on the same archive
        int[] concurrencies = Arrays.stream((args.length > 2 ? args[2] : "8").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        int concurrency = Arrays.stream(concurrencies).max().orElseThrow();
        System.out.printf(
                "dedupe benchmark: %,d stored items, %,d to ingest, concurrency %s, %d cores%n",
                stored,
                ingest,
                Arrays.toString(concurrencies),
                Runtime.getRuntime().availableProcessors());
        // -Dbench.keepArchive=true keeps the loaded archive as a template database (dedupe_archive_v2_N) and later runs
        // copy it instead of loading again: the same rows, a few seconds instead of minutes
        boolean keep = Boolean.getBoolean("bench.keepArchive");
        // v2: the rows carry the lead and article keys of issue 13 beside their bands
        String archive = "dedupe_archive_v2_" + stored;
        Random random = new Random(7);
        List<ExtractedItem> sample = new ArrayList<>();
        long t0 = System.nanoTime();
        String r2dbc;
        if (keep && databaseExists(archive)) {
            for (int i = 0; i < stored; i++) { // the same random draws as the load, for the same sample
                ExtractedItem item = story(random, i);
                if (sample.size() < 5_000 && random.nextInt(100) == 0) {
                    sample.add(item);
                }
            }
            r2dbc = copyOf(archive);
            System.out.printf("copied the kept archive %s in %.1f s%n", archive, (System.nanoTime() - t0) / 1e9);
        } else {
            r2dbc = TestDatabase.freshDatabase("dedupe_bench");
            try (StoreDatabase loading = StoreDatabase.open(r2dbc, 2);
                    Connection jdbc = jdbc(loading.jdbcUrl())) {
                loading.sources(SOURCE_IDS);
                load(jdbc, stored, random, sample);
            }
            System.out.printf("loaded %,d items and their bands in %.1f s%n", stored, (System.nanoTime() - t0) / 1e9);
            if (keep) {
                admin("ALTER DATABASE " + name(r2dbc) + " RENAME TO " + archive);
                r2dbc = copyOf(archive);
            }
        }
        try (StoreDatabase database = StoreDatabase.open(r2dbc, concurrency + 2)) {
            try (Connection jdbc = jdbc(database.jdbcUrl());
                    Statement st = jdbc.createStatement();
                    ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", rs.getString(1), "stat"));
                postmaster =
                        Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
                prewarm(jdbc);
                explain(jdbc, sample.get(0));
            }
            for (int round = 0; round < concurrencies.length; round++) {
                statementStats(database, null);
                run(database, ingest, round, concurrencies[round], random, sample, round == concurrencies.length - 1);
                statementStats(database, ingest);
            }
        }
        admin("DROP DATABASE " + name(r2dbc) + " WITH (FORCE)");
        System.exit(0);
    }

    private static final String[] SOURCE_IDS = java.util.stream.IntStream.range(0, SOURCES)
            .mapToObj(s -> "site-" + s)
            .toArray(String[]::new);

    private static Connection jdbc(String url) throws Exception {
        return DriverManager.getConnection(
                url, TestDatabase.server().user(), TestDatabase.server().password());
    }

    private static void admin(String sql) throws Exception {
        try (Connection admin = jdbc(TestDatabase.server().jdbcUrl());
                Statement st = admin.createStatement()) {
            st.execute(sql);
        }
    }

    private static boolean databaseExists(String name) throws Exception {
        try (Connection admin = jdbc(TestDatabase.server().jdbcUrl());
                Statement st = admin.createStatement();
                ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
            return rs.next();
        }
    }

    private static String name(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    // FILE_COPY copies the files after a checkpoint instead of writing every page to the WAL
    private static String copyOf(String archive) throws Exception {
        String r2dbc = TestDatabase.freshDatabase("dedupe_bench");
        admin("DROP DATABASE " + name(r2dbc));
        admin("CREATE DATABASE " + name(r2dbc) + " TEMPLATE " + archive + " STRATEGY FILE_COPY");
        return r2dbc;
    }

    private static Map<String, long[]> blocksBefore = Map.of();

    private static Map<String, long[]> blockAccesses(Statement st) throws Exception {
        Map<String, long[]> out = new java.util.HashMap<>();
        try (ResultSet rs = st.executeQuery(
                "SELECT 'table ' || relname, heap_blks_hit, heap_blks_read FROM pg_statio_user_tables"
                        + " UNION ALL SELECT 'toast ' || relname, coalesce(toast_blks_hit, 0), coalesce(toast_blks_read, 0) FROM pg_statio_user_tables"
                        + " UNION ALL SELECT 'index ' || indexrelname, idx_blks_hit, idx_blks_read FROM pg_statio_user_indexes")) {
            while (rs.next()) {
                out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
            }
        }
        return out;
    }

    // PostgreSQL's time per statement during a round (pg_stat_statements, preloaded by the embedded launcher):
    // reset before the round (items == null), printed per ingested item after it.
    private static void statementStats(StoreDatabase database, Integer items) throws Exception {
        try (Connection jdbc = DriverManager.getConnection(
                        database.jdbcUrl(),
                        TestDatabase.server().user(),
                        TestDatabase.server().password());
                Statement st = jdbc.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            if (items == null) {
                st.execute("SELECT pg_stat_statements_reset()");
                blocksBefore = blockAccesses(st);
                return;
            }
            Map<String, long[]> blocksAfter = blockAccesses(st);
            System.out.println(
                    "shared buffer accesses per ingested item, by table and index (hit + read from the OS):");
            blocksAfter.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), new long[] {
                        e.getValue()[0] - blocksBefore.getOrDefault(e.getKey(), new long[2])[0],
                        e.getValue()[1] - blocksBefore.getOrDefault(e.getKey(), new long[2])[1]
                    }))
                    .filter(e -> e.getValue()[0] + e.getValue()[1] > items / 10)
                    .sorted((a, b) ->
                            Long.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]))
                    .forEach(e -> System.out.printf(
                            "  %7.2f hit %6.2f read  %s%n",
                            e.getValue()[0] / (double) items, e.getValue()[1] / (double) items, e.getKey()));
            System.out.println(
                    "PostgreSQL time per statement (ms per ingested item; WAL bytes and full-page images per item):");
            try (ResultSet rs =
                    st.executeQuery("SELECT calls, total_exec_time, rows, wal_bytes, wal_fpi, shared_blks_read,"
                            + " regexp_replace(left(query, 70), '\\s+', ' ', 'g') AS q FROM pg_stat_statements"
                            + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                            + " ORDER BY total_exec_time DESC LIMIT 10")) {
                double sum = 0;
                while (rs.next()) {
                    double perItem = rs.getDouble("total_exec_time") / items;
                    sum += perItem;
                    System.out.printf(
                            "  %7.3f ms  %,8d calls  %6.0f B WAL  %5.2f FPI  %5.2f reads  %s%n",
                            perItem,
                            rs.getLong("calls"),
                            rs.getDouble("wal_bytes") / items,
                            rs.getDouble("wal_fpi") / items,
                            rs.getDouble("shared_blks_read") / items,
                            rs.getString("q"));
                }
                System.out.printf("  %7.3f ms  in all (top 10)%n", sum);
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT string_agg(relname || ' ' || autovacuum_count || '/' || autoanalyze_count, ', ')"
                            + " FROM pg_stat_user_tables WHERE relname IN ('item', 'item_also_at', 'item_event')")) {
                rs.next();
                System.out.println("  autovacuum/autoanalyze runs so far: " + rs.getString(1));
            }
        }
    }

    static ExtractedItem story(Random random, long n) {
        List<StoryTemplates.Topic> topics = StoryTemplates.TOPICS;
        StoryTemplates.Topic topic = topics.get(random.nextInt(topics.size()));
        String county = pick(random, StoryTemplates.COUNTIES);
        String town = pick(random, StoryTemplates.TOWNS);
        String person = pick(random, StoryTemplates.PEOPLE);
        OffsetDateTime date = OffsetDateTime.of(
                2015 + random.nextInt(9), 1 + random.nextInt(12), 1 + random.nextInt(28), 9, 0, 0, 0, CST);
        int a = random.nextInt(10_000);
        int b = random.nextInt(10_000);
        int c = random.nextInt(100);
        StringBuilder body = new StringBuilder();
        for (int s = 0; s < 5; s++) {
            // sentences from any topic, so that stored stories are as varied as a real archive
            List<String> slot =
                    topics.get(random.nextInt(topics.size())).slots().get(s % 4);
            body.append("<p>")
                    .append(LabelledCorpus.fill(pick(random, slot), county, town, person, date, a + s, b, c))
                    .append("</p>");
        }
        String title = LabelledCorpus.fill(topic.title(), county, town, person, date, a, b, c) + "（" + n + "）";
        return new ExtractedItem(
                null,
                "http://www.site" + random.nextInt(SOURCES) + ".gov.cn/xw/" + n + ".html",
                title,
                summary(body.toString()),
                body.toString(),
                date,
                true);
    }

    // As extraction makes it (the search index covers it)
    private static final HtmlSanitizer SANITIZER = new HtmlSanitizer();

    static String summary(String html) {
        return SANITIZER.summary(html);
    }

    private static void load(Connection jdbc, int count, Random random, List<ExtractedItem> sample) throws Exception {
        var copy = jdbc.unwrap(PGConnection.class).getCopyAPI();
        // Setup, not the measured part: the archive goes in as a restore would, with triggers off and the text
        // search indexes built once at the end instead of row by row (that alone took minutes per 200,000 rows).
        List<String> textIndexes = new ArrayList<>();
        try (Statement st = jdbc.createStatement();
                ResultSet rs = st.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'item'"
                        + " AND indexdef LIKE '%USING gin%'")) {
            while (rs.next()) {
                textIndexes.add(rs.getString("indexdef"));
                jdbc.createStatement().execute("DROP INDEX " + rs.getString("indexname"));
            }
            st.execute("SET session_replication_role = replica");
        }
        int chunk = 50_000;
        for (int start = 0; start < count; start += chunk) {
            StringBuilder items = new StringBuilder(chunk * 300);
            for (int i = start; i < Math.min(count, start + chunk); i++) {
                ExtractedItem item = story(random, i);
                if (sample.size() < 5_000 && random.nextInt(100) == 0) {
                    sample.add(item);
                }
                Candidate candidate = Candidate.of("site", item);
                TextPrint p = candidate.print();
                List<Long> keys = candidate.storedKeys();
                String when = item.publishedAt().toString();
                items.append("site-")
                        .append(item.url().replaceAll("^http://www\\.site(\\d+).*", "$1"))
                        .append('\t')
                        .append(item.url())
                        .append('\t')
                        .append(item.title())
                        .append('\t')
                        .append(item.summary())
                        .append('\t')
                        .append(when)
                        .append("\tsource\ttrue\t")
                        .append(when)
                        .append('\t')
                        .append(when)
                        .append('\t')
                        .append(Candidate.contentHash(item))
                        .append('\t')
                        .append(p.fingerprint())
                        .append('\t')
                        .append(p.titleKey())
                        .append('\t')
                        .append(p.simhash())
                        .append('\t')
                        .append(p.bodyLength())
                        .append('\t')
                        .append(p.titleLength())
                        .append('\t')
                        .append(p.day())
                        .append('\t')
                        .append(p.titlePeriods())
                        .append('\t')
                        .append(p.bodyPeriods())
                        .append('\t')
                        .append(terms(item))
                        .append('\t')
                        .append(
                                keys.isEmpty()
                                        ? "\\N"
                                        : keys.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")))
                        .append('\t')
                        .append(
                                p.leads().isEmpty()
                                        ? "\\N"
                                        : p.leads().stream()
                                                .map(String::valueOf)
                                                .collect(Collectors.joining(",", "{", "}")))
                        .append('\n');
            }
            copy.copyIn(
                    "COPY item (source_id, url, title, summary, published_at, date_origin, date_has_time, fetched_at,"
                            + " updated_at, content_hash, text_fp, title_key, simhash, body_length, title_length, published_day,"
                            + " title_periods, body_periods, bigrams, band_keys, lead_prints) FROM STDIN",
                    new StringReader(items.toString()));
            if ((start / chunk) % 4 == 3) {
                System.out.printf("  %,d items loaded%n", start + chunk);
            }
        }
        try (Statement st = jdbc.createStatement()) {
            st.execute("SET session_replication_role = DEFAULT");
            st.execute("SET maintenance_work_mem = '512MB'");
            for (String index : textIndexes) {
                st.execute(index);
            }
            // what a restore is followed by: hint bits set, visibility map and statistics made, so that the
            // measured ingest neither sets hint bits on the archive's pages nor runs into the autovacuum the load
            // would trigger
            st.execute("VACUUM (ANALYZE)");
        }
    }

    // A service that has held a million items for a while has the table and its indexes in its buffers; a freshly
    // copied (or loaded) archive starts with them on disk. Reading them in first measures the ingest of the
    // running service, not the first minutes after a restart (-Dbench.prewarm=false keeps the buffers cold).
    private static void prewarm(Connection jdbc) throws Exception {
        if (!Boolean.parseBoolean(System.getProperty("bench.prewarm", "true"))) {
            System.out.println("buffers left cold (-Dbench.prewarm=false)");
            return;
        }
        long t0 = System.nanoTime();
        try (Statement st = jdbc.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm");
            try (ResultSet rs = st.executeQuery("SELECT sum(pg_prewarm(c.oid)) FROM pg_class c"
                    + " WHERE c.oid = 'item'::regclass"
                    + " OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = 'item'::regclass)")) {
                rs.next();
                System.out.printf(
                        "read the item table and its indexes into shared buffers: %,d pages in %.1f s%n",
                        rs.getLong(1), (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    private static void explain(Connection jdbc, ExtractedItem item) throws Exception {
        Candidate c = Candidate.of("site-1", item);
        TextPrint p = c.print();
        String sql = "EXPLAIN (ANALYZE, BUFFERS) "
                + neighbourSql()
                        .replace(":idx", "'{0}'")
                        .replace(":sources", "'{site-1}'")
                        .replace(":urls", "'{\"" + item.url() + "\"}'")
                        .replace(":guids", "'{\"\"}'")
                        .replace(":fps", "'{" + p.fingerprint() + "}'")
                        .replace(":tks", "'{" + p.titleKey() + "}'")
                        .replace(
                                ":exactIdx",
                                "'{" + c.exactKeys().stream().map(k -> "0").collect(Collectors.joining(",")) + "}'")
                        .replace(
                                ":exactKeys",
                                "'{"
                                        + c.exactKeys().stream()
                                                .map(String::valueOf)
                                                .collect(Collectors.joining(",")) + "}'")
                        .replace(
                                ":bandIdx",
                                "'{" + p.bandKeys().stream().map(k -> "0").collect(Collectors.joining(",")) + "}'")
                        .replace(
                                ":bandKeys",
                                "'{"
                                        + p.bandKeys().stream()
                                                .map(String::valueOf)
                                                .collect(Collectors.joining(",")) + "}'")
                        .replace(
                                ":bandSimhashes",
                                "'{"
                                        + p.bandKeys().stream()
                                                .map(k -> String.valueOf(p.simhash()))
                                                .collect(Collectors.joining(","))
                                        + "}'")
                        .replace(":near", Integer.toString(TextPrint.MAX_NEAR_DISTANCE));
        try (Statement st = jdbc.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            System.out.println("plan of the neighbour lookup for a stored story:");
            while (rs.next()) {
                System.out.println("  " + rs.getString(1));
            }
        }
    }

    private static java.lang.reflect.Method terms;

    // The keyword index terms as the store writes them (COPY runs without the trigger that would fill them).
    private static String terms(ExtractedItem item) throws Exception {
        if (terms == null) {
            terms = Class.forName("io.countywatch.aggregator.store.items.Bigrams")
                    .getDeclaredMethod("ofItem", String.class, String.class);
            terms.setAccessible(true);
        }
        Integer[] codes = (Integer[]) terms.invoke(null, item.title(), item.summary());
        return Arrays.stream(codes).map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    private static String neighbourSql() throws Exception {
        var field = Class.forName("io.countywatch.aggregator.store.items.NeighbourQuery")
                .getDeclaredField("BATCH_SQL");
        field.setAccessible(true);
        return (String) field.get(null);
    }

    private static void run(
            StoreDatabase database,
            int count,
            int round,
            int concurrency,
            Random random,
            List<ExtractedItem> sample,
            boolean singlesToo) {
        StoryIngest ingest = new StoryIngest(new StoryRepository(database.db(), database.pool()));
        List<NewItem> work = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(10);
            ExtractedItem item;
            String source;
            if (kind < 2) { // a repost of a stored story on another site
                ExtractedItem original = sample.get(random.nextInt(sample.size()));
                String content = "<p>Admin - admin 于2022年01月19日发表</p>" + original.content();
                item = new ExtractedItem(
                        null,
                        "http://www.farm.com/a/" + round + "-" + i + ".html",
                        "转载：" + original.title() + "_孝感新闻网",
                        summary(content),
                        content,
                        original.publishedAt(),
                        true);
                source = "site-" + (SOURCES - 1);
            } else if (kind < 3) { // the same URL polled again
                item = sample.get(random.nextInt(sample.size()));
                source = "site-" + item.url().replaceAll("^http://www\\.site(\\d+).*", "$1");
            } else {
                item = story(random, 10_000_000L * (round + 1) + i);
                source = "site-" + item.url().replaceAll("^http://www\\.site(\\d+).*", "$1");
            }
            work.add(new NewItem(source, item, DateOrigin.SOURCE, Instant.now(), null));
        }
        // the pure decision alone: print and classify, no database
        long[] cpu = new long[Math.min(count, 5_000)];
        for (int i = 0; i < cpu.length; i++) {
            long s = System.nanoTime();
            NewItem n = work.get(i);
            DedupePlanner.plan(List.of(Candidate.of(n.sourceId(), n.item())), List.of(List.of()));
            cpu[i] = System.nanoTime() - s;
        }
        // batched, as polls store: one transaction per batch of 32 items, `concurrency` batches at once
        int batches = (count + StoryIngest.BATCH - 1) / StoryIngest.BATCH;
        long[] batchLatencies = new long[batches];
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        long[] cpuBefore = machineCpu();
        long pgBefore = postgresCpuTicks();
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long jvmBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        Flux.range(0, batches)
                .flatMap(
                        b -> Mono.defer(() -> {
                            long s = System.nanoTime();
                            List<NewItem> batch =
                                    work.subList(b * StoryIngest.BATCH, Math.min(count, (b + 1) * StoryIngest.BATCH));
                            return ingest.storeAll(batch).doOnNext(list -> {
                                batchLatencies[b] = System.nanoTime() - s;
                                list.forEach(o -> outcomes.merge(o.getClass().getSimpleName(), 1, Integer::sum));
                            });
                        }),
                        concurrency)
                .then()
                .block(Duration.ofHours(1));
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] cpuAfter = machineCpu();
        double pgSeconds = (postgresCpuTicks() - pgBefore) / 100.0;
        double jvmSeconds = (os.getProcessCpuTime() - jvmBefore) / 1e9;
        Arrays.sort(batchLatencies);
        Arrays.sort(cpu);
        System.out.printf(
                "concurrency %d: ingested %,d items in %.1f s: %,.0f items/s; outcomes %s%n",
                concurrency, count, seconds, count / seconds, outcomes);
        System.out.printf(
                "machine CPU busy during the ingest: %.0f %% of all cores (JVM, PostgreSQL and anything else);"
                        + " this JVM %.1f CPU-s = %.2f ms per item%n",
                100.0 * (cpuAfter[0] - cpuBefore[0]) / Math.max(1, cpuAfter[1] - cpuBefore[1]),
                jvmSeconds,
                jvmSeconds * 1000 / count);
        System.out.printf(
                "PostgreSQL processes (all of this server's, incl. background): %.1f CPU-s = %.2f ms per item%n",
                pgSeconds, pgSeconds * 1000 / count);
        System.out.printf(
                "batch of %d (one transaction): p50 %.1f ms, p99 %.1f ms%n",
                StoryIngest.BATCH, batchLatencies[batches / 2] / 1e6, batchLatencies[(int) (batches * 0.99)] / 1e6);
        if (!singlesToo) {
            return;
        }
        // one item alone, one after another: lock, lookup, decision and write in its own transaction
        int singles = Math.min(2_000, count);
        long[] single = new long[singles];
        for (int i = 0; i < singles; i++) {
            NewItem n = work.get(i);
            NewItem again = new NewItem(
                    n.sourceId(), n.item().withUrl(n.item().url() + "?copy=" + i), n.origin(), n.fetchedAt(), null);
            long s = System.nanoTime();
            ingest.storeAll(List.of(again)).block(Duration.ofMinutes(1));
            single[i] = System.nanoTime() - s;
        }
        Arrays.sort(single);
        System.out.printf(
                "one item alone (own transaction, sequential, %d items): p50 %.2f ms, p99 %.2f ms%n",
                singles, single[singles / 2] / 1e6, single[(int) (singles * 0.99)] / 1e6);
        System.out.printf(
                "decision in the JVM (print + classify): p50 %.3f ms, p99 %.3f ms%n",
                cpu[cpu.length / 2] / 1e6, cpu[(int) (cpu.length * 0.99)] / 1e6);
    }

    private static long postmaster;

    // CPU time (ticks of 10 ms) of the benchmark's PostgreSQL server: its postmaster and all its children (backends
    // and background processes). Other servers on the machine (other engineers' tests) are not counted.
    private static long postgresCpuTicks() {
        long ticks = 0;
        java.io.File[] procs =
                new java.io.File("/proc").listFiles((dir, name) -> name.chars().allMatch(Character::isDigit));
        for (java.io.File proc : procs == null ? new java.io.File[0] : procs) {
            try {
                String stat = java.nio.file.Files.readString(proc.toPath().resolve("stat"));
                int close = stat.lastIndexOf(')');
                String[] f = stat.substring(close + 2).split(" ");
                if (Long.parseLong(proc.getName()) != postmaster && Long.parseLong(f[1]) != postmaster) {
                    continue;
                }
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
            } catch (Exception gone) {
                // the process ended meanwhile
            }
        }
        return ticks;
    }

    // busy and total jiffies of all CPUs from /proc/stat (Linux); zeros elsewhere
    private static long[] machineCpu() {
        try {
            String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat"))
                    .get(0)
                    .trim()
                    .split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (Exception e) {
            return new long[] {0, 0};
        }
    }

    private static String pick(Random random, List<String> options) {
        return options.get(random.nextInt(options.size()));
    }

    private DedupeBenchmark() {}
}
