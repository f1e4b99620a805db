package io.countywatch.aggregator.store.items;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.item.DateOrigin;
import io.countywatch.aggregator.item.ExtractedItem;
import io.countywatch.aggregator.item.ItemView;
import io.countywatch.aggregator.item.KnownItem;
import io.countywatch.aggregator.item.TextPrint;
import io.countywatch.aggregator.store.StoreDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The deduplicating store against the real embedded PostgreSQL: placements, alsoAt in pages, concurrent
 * stores of one story, and index use of the neighbour lookup. The decision here is a stand-in (same
 * fingerprint means same story); the real rules are tested in the dedupe package.
 */
class StoryRepositoryIT {

    static StoreDatabase database;
    static StoryRepository stories;
    static ItemRepository items;

    @BeforeAll
    static void start() {
        database = StoreDatabase.create("story_repository", 12);
        database.sources("a", "b", "farm0", "farm1", "farm2", "farm3", "farm4", "farm5", "farm6", "farm7");
        stories = new StoryRepository(database.db(), database.pool());
        items = new ItemRepository(database.db());
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    // Same fingerprint from another place → alsoAt; same URL in the same source → refresh; else insert.
    static Function<List<KnownItem>, Placement> decide(String source, String url, TextPrint print) {
        return neighbours -> {
            for (KnownItem known : neighbours) {
                if (known.sourceId().equals(source) && known.url().equals(url)) {
                    return known.alsoAt() ? new Placement.AlsoAt(known.seq()) : new Placement.Refresh(known.seq());
                }
            }
            return neighbours.stream()
                    .filter(k -> !k.alsoAt() && k.print().fingerprint() == print.fingerprint())
                    .findFirst()
                    .<Placement>map(k -> new Placement.AlsoAt(k.seq()))
                    .orElse(new Placement.Insert());
        };
    }

    static StoreOutcome store(String source, String url, String title, TextPrint print) {
        return storeLater(source, url, title, print).block(Duration.ofSeconds(30));
    }

    static Mono<StoreOutcome> storeLater(String source, String url, String title, TextPrint print) {
        return stories.store(newItem(source, url, title), print, decide(source, url, print));
    }

    static TextPrint print(long fingerprint, long simhash) {
        return new TextPrint(
                fingerprint,
                fingerprint + 1,
                simhash,
                List.of(simhash & 0xFFFF, (1L << 16) | ((simhash >>> 16) & 0xFFFF)),
                200,
                16,
                20230905,
                "",
                "");
    }

    @Test
    void aRepostGoesIntoAlsoAtAndMovesTheItemsUpdatedAtAndRevision() {
        StoreOutcome first = store("a", "http://a/1.html", "孝昌县召开秋季森林防火工作部署会", print(101, 0x1234_5678L));
        StoreOutcome copy = store("b", "http://b/9.html", "转载：孝昌县召开秋季森林防火工作部署会", print(101, 0x1234_5678L));
        StoreOutcome again = store("b", "http://b/9.html", "转载：孝昌县召开秋季森林防火工作部署会", print(101, 0x1234_5678L));
        assertThat(first).isInstanceOf(StoreOutcome.Inserted.class);
        assertThat(copy).isEqualTo(new StoreOutcome.Merged(first.seq()));
        assertThat(again).isEqualTo(new StoreOutcome.Unchanged(first.seq()));
        Integer revision = database.db()
                .sql("SELECT revision FROM item WHERE seq = :seq")
                .bind("seq", first.seq())
                .map(row -> row.get("revision", Integer.class))
                .one()
                .block();
        assertThat(revision).isEqualTo(2);
        ItemView view = items.findPage(new ItemQuery(null, null, null, null, 100, null)).block().items().stream()
                .filter(i -> i.url().equals("http://a/1.html"))
                .findFirst()
                .orElseThrow();
        assertThat(view.alsoAt()).containsExactly(new io.countywatch.aggregator.item.AlsoAt("b", "http://b/9.html"));
    }

    @Test
    void aChangedTitleAtTheSameUrlUpdatesInPlaceAndReplacesTheBands() {
        StoreOutcome first = store("a", "http://a/2.html", "白河镇开展汛后水利设施安全隐患排查", print(202, 0xAAAA_BBBBL));
        StoreOutcome changed = store("a", "http://a/2.html", "白河镇开展汛后水利设施安全隐患大排查", print(203, 0xCCCC_DDDDL));
        assertThat(changed).isEqualTo(new StoreOutcome.Updated(first.seq(), 2));
        List<Long> bands = database.db()
                .sql("SELECT unnest(band_keys) AS band_key FROM item WHERE seq = :seq ORDER BY 1")
                .bind("seq", first.seq())
                .map(row -> row.get("band_key", Long.class))
                .all()
                .collectList()
                .block();
        assertThat(bands).containsExactly(0xDDDDL, (1L << 16) | 0xCCCCL);
        assertThat(termsMatchTheSqlFunction(first.seq())).isTrue();
    }

    @Test
    void newItemsCarryTheKeywordTermsOfTheirTitleAndSummary() {
        StoreOutcome stored = store("a", "http://a/3.html", "孝感市Xiaogan召开防汛抗旱工作会议", print(90_404, 0x4747_4747L));
        assertThat(termsMatchTheSqlFunction(stored.seq())).isTrue();
    }

    // The terms the store wrote from the JVM are the ones migration V8's function computes from the row.
    static boolean termsMatchTheSqlFunction(long seq) {
        return database.db()
                .sql("""
                        SELECT bigrams IS NOT NULL AND cardinality(bigrams) > 0
                               AND bigrams @> item_bigram_codes(title || ' ' || coalesce(summary, ''))
                               AND bigrams <@ item_bigram_codes(title || ' ' || coalesce(summary, '')) AS same
                        FROM item WHERE seq = :seq""")
                .bind("seq", seq)
                .map(row -> row.get("same", Boolean.class))
                .one()
                .block();
    }

    @Test
    void concurrentStoresOfOneStoryEndWithOneItem() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Mono<StoreOutcome>> racers = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String source = "farm" + i;
            String url = "http://farm" + i + "/x.html";
            racers.add(Mono.fromRunnable(() -> await(start))
                    .subscribeOn(Schedulers.boundedElastic())
                    .then(storeLater(source, url, "石门县召开耕地保护工作推进会", print(303, 0x3030_3030L))));
        }
        Mono<List<StoreOutcome>> all = Flux.merge(racers).collectList();
        var result = all.toFuture();
        start.countDown();
        List<StoreOutcome> outcomes = result.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(outcomes).filteredOn(o -> o instanceof StoreOutcome.Inserted).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof StoreOutcome.Merged).hasSize(7);
        Long count = database.db()
                .sql("SELECT count(*) AS n FROM item WHERE text_fp = 303")
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
        assertThat(count).isEqualTo(1);
    }

    @Test
    void aLaterItemOfABatchSeesTheEarlierOnes() {
        TextPrint print = print(404, 0x4040_4040L);
        List<NewItem> batch = List.of(
                newItem("a", "http://a/batch-1.html", "花溪区举行重点项目集中开工仪式"),
                newItem("b", "http://b/batch-9.html", "转载：花溪区举行重点项目集中开工仪式"));
        List<StoreOutcome> outcomes = stories.storeAll(
                        batch,
                        List.of(print, print),
                        (i, neighbours) -> decide(
                                        batch.get(i).sourceId(),
                                        batch.get(i).item().url(),
                                        print)
                                .apply(neighbours))
                .block(Duration.ofSeconds(30));
        assertThat(outcomes.get(0)).isInstanceOf(StoreOutcome.Inserted.class);
        assertThat(outcomes.get(1))
                .isEqualTo(new StoreOutcome.Merged(outcomes.get(0).seq()));
    }

    @Test
    void aMixedBatchWritesEachKindOnceAndNumbersItsEventsAtCommit() {
        TextPrint print = print(505, 0x5050_5050L);
        NewItem original = newItem("a", "http://a/mixed-1.html", "孝昌县举办农民丰收节庆祝活动");
        NewItem repost = newItem("b", "http://b/mixed-9.html", "转载：孝昌县举办农民丰收节庆祝活动");
        NewItem retitled = newItem("a", "http://a/mixed-1.html", "孝昌县举办2023年农民丰收节庆祝活动");
        List<NewItem> batch = List.of(original, repost, repost, retitled);
        long eventsBefore = count("SELECT count(*) AS n FROM item_event");
        List<StoreOutcome> outcomes = stories.storeAll(
                        batch,
                        List.of(print, print, print, print),
                        (i, neighbours) -> decide(
                                        batch.get(i).sourceId(),
                                        batch.get(i).item().url(),
                                        print)
                                .apply(neighbours))
                .block(Duration.ofSeconds(30));
        long seq = outcomes.get(0).seq();
        assertThat(outcomes)
                .containsExactly(
                        new StoreOutcome.Inserted(seq),
                        new StoreOutcome.Merged(seq),
                        new StoreOutcome.Unchanged(seq),
                        new StoreOutcome.Updated(seq, 2));
        assertThat(count("SELECT count(*) AS n FROM item WHERE text_fp = 505")).isEqualTo(1);
        assertThat(count("SELECT count(*) AS n FROM item_also_at WHERE item_seq = " + seq))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) AS n FROM item, unnest(band_keys) WHERE seq = " + seq))
                .isEqualTo(2);
        // an event for the insert and one for the update; the alsoAt touch moves updated_at to the same instant
        // (one fetch), so it adds none: readers load the row when they send, and see the alsoAt then
        assertThat(count("SELECT count(*) AS n FROM item_event") - eventsBefore).isEqualTo(2);
        String title = database.db()
                .sql("SELECT title FROM item WHERE seq = :seq")
                .bind("seq", seq)
                .map(row -> row.get("title", String.class))
                .one()
                .block();
        assertThat(title).isEqualTo("孝昌县举办2023年农民丰收节庆祝活动");
    }

    // Rows go in as scalar parameters, more than one statement's worth here (a statement takes at most 65,535):
    // every row arrives whole, with texts that an array literal would have had to escape, and with its nulls.
    @Test
    void aLargeInsertStoresEveryRowWithItsTextAsGiven() {
        String awkward = "<p>\"引号\" \\反斜杠\\ {大括号}, 逗号 'single' NULL</p>";
        int n = 1_005;
        List<NewItem> rows = new java.util.ArrayList<>();
        List<TextPrint> prints = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            ExtractedItem item = new ExtractedItem(
                    i % 2 == 0 ? "guid-" + i : null,
                    "http://a/large-" + i + ".html",
                    "大批量第" + i + "条",
                    i % 3 == 0 ? null : "摘要" + i,
                    awkward + i,
                    OffsetDateTime.parse("2023-09-05T10:00:00+08:00"),
                    true);
            rows.add(new NewItem("a", item, DateOrigin.SOURCE, Instant.parse("2023-09-05T03:00:00Z")));
            TextPrint print = print(7_000_000 + i, 0x7000_0000L + i);
            // every fifth without bands, every seventh without a publication day
            TextPrint noBands = new TextPrint(7_000_000 + i, 1, 2, List.of(), 0, 6, 20230905, "", "");
            TextPrint noDay = new TextPrint(7_000_000 + i, 1, 2, print.bandKeys(), 0, 6, null, "", "");
            prints.add(i % 5 == 0 ? noBands : i % 7 == 0 ? noDay : print);
        }
        List<String> hashes = rows.stream().map(r -> "hash").toList();
        Set<Long> inserted = BatchWrites.allocate(database.db(), n)
                .flatMap(seqs -> BatchWrites.insert(database.db(), rows, prints, hashes, seqs))
                .block(Duration.ofSeconds(60));
        assertThat(inserted).hasSize(n);
        assertThat(count("SELECT count(*) AS n FROM item WHERE url LIKE 'http://a/large-%'"))
                .isEqualTo(n);
        for (int i : new int[] {0, 1, 7, 1_003, 1_004}) {
            String row = database.db()
                    .sql("""
                            SELECT concat_ws('|', coalesce(guid, '-'), title, coalesce(summary, '-'), content,
                                             coalesce(cardinality(band_keys), 0), updated_at = fetched_at,
                                             coalesce(published_day::text, '-')) AS r
                            FROM item WHERE url = :url""")
                    .bind("url", "http://a/large-" + i + ".html")
                    .map(r -> r.get("r", String.class))
                    .one()
                    .block();
            assertThat(row)
                    .isEqualTo(String.join(
                            "|",
                            i % 2 == 0 ? "guid-" + i : "-",
                            "大批量第" + i + "条",
                            i % 3 == 0 ? "-" : "摘要" + i,
                            awkward + i,
                            i % 5 == 0 ? "0" : "2",
                            "t",
                            i % 5 != 0 && i % 7 == 0 ? "-" : "20230905"));
        }
        long seq = count("SELECT seq AS n FROM item WHERE url = 'http://a/large-1004.html'");
        assertThat(termsMatchTheSqlFunction(seq)).isTrue();
    }

    private static long count(String sql) {
        return database.db().sql(sql).map(row -> row.get("n", Long.class)).one().block();
    }

    static NewItem newItem(String source, String url, String title) {
        ExtractedItem item = new ExtractedItem(
                null,
                url,
                title,
                null,
                "<p>" + title + "</p>",
                OffsetDateTime.parse("2023-09-05T10:00:00+08:00"),
                true);
        return new NewItem(source, item, DateOrigin.SOURCE, Instant.parse("2023-09-05T03:00:00Z"));
    }

    // A stored story that shares a band key but whose SimHash is farther than any rule could merge is not a
    // neighbour (single and batch lookup alike); one within the distance is.
    @Test
    void bandNeighboursFartherThanTheNearDistanceAreLeftOut() {
        long simhash = 0x0123_4567_89AB_CDEFL;
        // the bands come from the low 32 bits (print()), so flipping high bits keeps both band keys
        long near = simhash ^ (0x3FFL << 40); // 10 bits apart
        long far = simhash ^ (0x7FFL << 40); // 11 bits apart
        long nearSeq = store("a", "http://a/band-near.html", "沙洋县召开秋季森林防火工作会议", print(8_101, near))
                .seq();
        long farSeq = store("a", "http://a/band-far.html", "京山市举办第三届农民运动会", print(8_102, far))
                .seq();
        TextPrint probe = print(8_103, simhash);
        ExtractedItem item =
                newItem("b", "http://b/band-probe.html", "钟祥市开展安全生产大检查").item();
        List<Long> single = stories.findNeighbours("b", item, probe).block(Duration.ofSeconds(30)).stream()
                .map(KnownItem::seq)
                .toList();
        List<Long> batch = NeighbourQuery.findAll(
                        database.db(),
                        List.of("b"),
                        List.of(item.url()),
                        java.util.Collections.singletonList(null),
                        List.of(probe))
                .block(Duration.ofSeconds(30))
                .stream()
                .map(found -> found.known().seq())
                .toList();
        assertThat(single).contains(nearSeq).doesNotContain(farSeq);
        assertThat(batch).contains(nearSeq).doesNotContain(farSeq);
    }

    @Test
    void theNeighbourLookupUsesIndexes() {
        // the planner picks sequential scans on tiny tables; forbid them to see which indexes the plan can use
        String single = NeighbourQuery.SQL
                .replace(":source", "'a'")
                .replace(":url", "'http://a/1.html'")
                .replace(":guid", "'g-1'")
                .replace(":fp", "101")
                .replace(":tk", "102")
                .replace("CAST(:bands AS bigint[])", "ARRAY[1,2]::bigint[]")
                .replace(":simhash", "7")
                .replace(":near", "10");
        String batch = NeighbourQuery.BATCH_SQL
                .replace(":idx", "'{0,1}'")
                .replace(":sources", "'{a,b}'")
                .replace(":urls", "'{http://a/1.html,x}'")
                .replace(":guids", "'{g-1,\"\"}'")
                .replace(":fps", "'{101,5}'")
                .replace(":tks", "'{102,6}'")
                .replace(":bandIdx", "'{0,1}'")
                .replace(":bandKeys", "'{1,2}'")
                .replace(":bandSimhashes", "'{7,8}'")
                .replace(":near", "10");
        List<String> plan = database.db()
                .inConnectionMany(connection -> Flux.from(connection
                                .createStatement("SET enable_seqscan = off")
                                .execute())
                        .thenMany(Flux.<io.r2dbc.spi.Result>concat(
                                connection.createStatement("EXPLAIN " + single).execute(),
                                connection.createStatement("EXPLAIN " + batch).execute()))
                        .flatMap(r -> r.map((row, meta) -> row.get(0, String.class))))
                .collectList()
                .block();
        String text = String.join("\n", plan);
        System.out.println(text);
        assertThat(text)
                .doesNotContain("Seq Scan")
                .contains("item_source_guid")
                .contains("item_text_fp")
                .contains("item_title_key")
                .contains("item_band_keys")
                .contains("item_also_at_source_url");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
