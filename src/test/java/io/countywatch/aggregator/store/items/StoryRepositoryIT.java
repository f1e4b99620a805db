package io.countywatch.aggregator.store.items;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.db.ReadDatabase;
import io.countywatch.aggregator.dedupe.Candidate;
import io.countywatch.aggregator.dedupe.Neighbour;
import io.countywatch.aggregator.dedupe.TextPrint;
import io.countywatch.aggregator.item.DateOrigin;
import io.countywatch.aggregator.item.ExtractedItem;
import io.countywatch.aggregator.item.ItemView;
import io.countywatch.aggregator.store.StoreDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The deduplicating store against the real embedded PostgreSQL, with the real planner: inserts, in-place updates,
 * alsoAt, concurrent stores of one story, and index use of the neighbour lookup.
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
        items = new ItemRepository(database.db(), ReadDatabase.primary(database.db()));
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    static final String STORY =
            "<p>9月5日，孝昌县召开秋季森林防火工作部署会，副县长王志强出席会议并讲话。会议通报了今年以来" + "全县森林火情监测情况，共出动巡护人员320人次，清理林下可燃物150亩。</p>";

    static StoreOutcome store(String source, String url, String title, String body) {
        return storeLater(source, url, title, body).block(Duration.ofSeconds(30));
    }

    static Mono<StoreOutcome> storeLater(String source, String url, String title, String body) {
        return stories.storeAll(List.of(newItem(source, url, title, body))).map(outcomes -> outcomes.get(0));
    }

    @Test
    void aRepostGoesIntoAlsoAtAndMovesTheItemsUpdatedAtAndRevision() {
        StoreOutcome first = store("a", "http://a/1.html", "孝昌县召开秋季森林防火工作部署会", STORY);
        StoreOutcome copy = store("b", "http://b/9.html", "转载：孝昌县召开秋季森林防火工作部署会", STORY);
        StoreOutcome again = store("b", "http://b/9.html", "转载：孝昌县召开秋季森林防火工作部署会", STORY);
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
        StoreOutcome first = store("a", "http://a/2.html", "白河镇开展汛后水利设施安全隐患排查", STORY);
        NewItem corrected = newItem("a", "http://a/2.html", "白河镇开展汛后水利设施安全隐患大排查", STORY.replace("320", "325"));
        StoreOutcome changed = stories.storeAll(List.of(corrected)).block().get(0);
        assertThat(changed).isEqualTo(new StoreOutcome.Updated(first.seq(), 2));
        List<Long> bands = database.db()
                .sql("SELECT unnest(band_keys) AS band_key FROM item WHERE seq = :seq ORDER BY 1")
                .bind("seq", first.seq())
                .map(row -> row.get("band_key", Long.class))
                .all()
                .collectList()
                .block();
        List<Long> expected =
                new java.util.ArrayList<>(Candidate.of("a", corrected.item()).storedKeys());
        // the replaced title stays findable, masked as a former title
        expected.add(Candidate.formerTitleKey(Candidate.of(
                        "a",
                        newItem("a", "http://a/2.html", "白河镇开展汛后水利设施安全隐患排查", STORY)
                                .item())
                .print()
                .titleKey()));
        assertThat(bands).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(termsMatchTheSqlFunction(first.seq())).isTrue();
    }

    // A content farm copied the headline before the county corrected it, and gives no body: one story still.
    @Test
    void aTitleOnlyCopyUnderTheTitleBeforeItsCorrectionJoinsTheItem() {
        StoreOutcome first = store("a", "http://a/3.html", "黄陂区召开秋季森林防火工作部署会", STORY);
        stories.storeAll(List.of(newItem("a", "http://a/3.html", "黄陂区召开秋冬季森林防火工作部署会", STORY)))
                .block();

        StoreOutcome copy = store("b", "http://b/31.html", "黄陂区召开秋季森林防火工作部署会", null);

        assertThat(copy).isInstanceOf(StoreOutcome.Merged.class);
        assertThat(copy.seq()).isEqualTo(first.seq());
    }

    @Test
    void newItemsCarryTheKeywordTermsOfTheirTitleAndSummary() {
        StoreOutcome stored = store("a", "http://a/3.html", "孝感市Xiaogan召开防汛抗旱工作会议", "<p>会议部署防汛抗旱工作。</p>");
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
                    .then(storeLater(source, url, "石门县召开耕地保护工作推进会", STORY.replace("孝昌县", "石门县"))));
        }
        Mono<List<StoreOutcome>> all = Flux.merge(racers).collectList();
        var result = all.toFuture();
        start.countDown();
        List<StoreOutcome> outcomes = result.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(outcomes).filteredOn(o -> o instanceof StoreOutcome.Inserted).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof StoreOutcome.Merged).hasSize(7);
        Long count = database.db()
                .sql("SELECT count(*) AS n FROM item WHERE title = '石门县召开耕地保护工作推进会'")
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
        assertThat(count).isEqualTo(1);
    }

    // A county's feed carries the article's first paragraph under a cut title; its HTML column lists the same
    // address with the whole text: one item, with the whole title and text, whichever came first.
    @Test
    void theSameUrlFromAnotherSourceIsOneItemAndTheFullerVersionWins() {
        String url = "http://www.xc.gov.cn/xwzx/gzdt/202610/t20261023_316950.html";
        String full = STORY.replace("孝昌县", "小河镇") + "<p>会议强调，各村要压实属地责任，严格落实野外用火审批制度，坚决杜绝违规用火行为。</p>";
        String lead = "<p>9月5日，小河镇召开秋季森林防火工作部署会，副县长王志强出席会议并讲话。会议通报了今年以来全县森林火情监测情况。</p>";
        StoreOutcome fromFeed = store("a", url, "小河镇召开秋季森林防火工作…", lead);
        StoreOutcome fromColumn = store("b", url, "小河镇召开秋季森林防火工作部署会", full);
        StoreOutcome feedAgain = store("a", url, "小河镇召开秋季森林防火工作…", lead);
        assertThat(fromColumn).isEqualTo(new StoreOutcome.Merged(fromFeed.seq()));
        assertThat(feedAgain).isEqualTo(new StoreOutcome.Unchanged(fromFeed.seq()));
        assertThat(count("SELECT count(*) AS n FROM item WHERE url = '" + url + "'"))
                .isEqualTo(1);
        assertThat(title(fromFeed.seq())).isEqualTo("小河镇召开秋季森林防火工作部署会");
        String content = database.db()
                .sql("SELECT content FROM item WHERE seq = :seq")
                .bind("seq", fromFeed.seq())
                .map(row -> row.get("content", String.class))
                .one()
                .block();
        assertThat(content).isEqualTo(full);
    }

    // Two near-copies (bodies one SimHash bit apart, different fingerprints, leads and titles) stored by two
    // pollers at the same instant: the shared band lock orders the two decisions, so the second sees the first.
    @Test
    void nearCopiesStoredAtOnceWithDifferentPrintsAndTitlesEndAsOneItem() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Mono<StoreOutcome>> racers = new java.util.ArrayList<>();
        List<String> towns = List.of("城关镇", "花园镇", "丰山镇", "周巷镇", "小悟乡", "季店乡");
        for (String town : towns) {
            String body = STORY.replace("孝昌县", town) + "<p>" + town + "还对冬春季节森林防火宣传教育工作作出具体安排。</p>";
            String copy = nearCopy(body);
            String title = town + "召开秋季森林防火工作部署会";
            racers.add(Mono.fromRunnable(() -> await(start))
                    .subscribeOn(Schedulers.boundedElastic())
                    .then(storeLater("farm0", "http://farm0/" + town + ".html", title, body)));
            racers.add(Mono.fromRunnable(() -> await(start))
                    .subscribeOn(Schedulers.boundedElastic())
                    .then(storeLater("farm1", "http://farm1/" + town + ".html", title + "议", copy)));
        }
        var result = Flux.merge(racers).collectList().toFuture();
        start.countDown();
        result.get(60, java.util.concurrent.TimeUnit.SECONDS);
        for (String town : towns) {
            assertThat(count("SELECT count(*) AS n FROM item WHERE title LIKE '" + town + "召开秋季森林防火工作部署会%'"))
                    .as("items of %s", town)
                    .isEqualTo(1);
        }
    }

    // The body with one character in its first sentence replaced, chosen so that the SimHash moves by at most one
    // bit while the fingerprint and the lead change: a copy only the near-duplicate rule merges.
    static String nearCopy(String body) {
        TextPrint original =
                Candidate.of("x", newItem("x", "http://x/", "t", body).item()).print();
        String replacements = "县乡镇村区市省部局委办处科组队站所";
        for (int at = 6; at < 30; at++) {
            for (char c : replacements.toCharArray()) {
                if (body.charAt(at) == c || !Character.isIdeographic(body.charAt(at))) {
                    continue;
                }
                String copy = body.substring(0, at) + c + body.substring(at + 1);
                TextPrint print = Candidate.of(
                                "x", newItem("x", "http://x/", "t", copy).item())
                        .print();
                int distance = Long.bitCount(print.simhash() ^ original.simhash());
                if (distance <= 1
                        && print.fingerprint() != original.fingerprint()
                        && print.leadKey() != original.leadKey()) {
                    return copy;
                }
            }
        }
        throw new IllegalStateException("no near copy of " + body);
    }

    @Test
    void aLaterItemOfABatchSeesTheEarlierOnes() {
        String body = STORY.replace("孝昌县", "花溪区");
        List<NewItem> batch = List.of(
                newItem("a", "http://a/batch-1.html", "花溪区举行重点项目集中开工仪式", body),
                newItem("b", "http://b/batch-9.html", "转载：花溪区举行重点项目集中开工仪式", body));
        List<StoreOutcome> outcomes = stories.storeAll(batch).block(Duration.ofSeconds(30));
        assertThat(outcomes.get(0)).isInstanceOf(StoreOutcome.Inserted.class);
        assertThat(outcomes.get(1))
                .isEqualTo(new StoreOutcome.Merged(outcomes.get(0).seq()));
    }

    @Test
    void aMixedBatchWritesEachKindOnceAndNumbersItsEventsAtCommit() {
        String body = STORY.replace("孝昌县", "孝南区").replace("森林防火", "丰收节");
        NewItem original = newItem("a", "http://a/mixed-1.html", "孝南区举办农民丰收节庆祝活动", body);
        NewItem repost = newItem("b", "http://b/mixed-9.html", "转载：孝南区举办农民丰收节庆祝活动", body);
        NewItem retitled = newItem("a", "http://a/mixed-1.html", "孝南区举办2023年农民丰收节庆祝活动", body);
        List<NewItem> batch = List.of(original, repost, repost, retitled);
        long eventsBefore = count("SELECT count(*) AS n FROM item_event");
        List<StoreOutcome> outcomes = stories.storeAll(batch).block(Duration.ofSeconds(30));
        long seq = outcomes.get(0).seq();
        assertThat(outcomes)
                .containsExactly(
                        new StoreOutcome.Inserted(seq),
                        new StoreOutcome.Merged(seq),
                        new StoreOutcome.Unchanged(seq),
                        new StoreOutcome.Updated(seq, 2));
        assertThat(count("SELECT count(*) AS n FROM item WHERE url LIKE 'http://a/mixed-%'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) AS n FROM item_also_at WHERE item_seq = " + seq))
                .isEqualTo(1);
        // an event for the insert and one for the update; the alsoAt touch moves updated_at to the same instant
        // (one fetch), so it adds none: readers load the row when they send, and see the alsoAt then
        assertThat(count("SELECT count(*) AS n FROM item_event") - eventsBefore).isEqualTo(2);
        assertThat(title(seq)).isEqualTo("孝南区举办2023年农民丰收节庆祝活动");
    }

    static String title(long seq) {
        return database.db()
                .sql("SELECT title FROM item WHERE seq = :seq")
                .bind("seq", seq)
                .map(row -> row.get("title", String.class))
                .one()
                .block();
    }

    // Rows go in as scalar parameters, more than one statement's worth here (a statement takes at most 65,535):
    // every row arrives whole, with texts that an array literal would have had to escape, and with its nulls.
    @Test
    void aLargeInsertStoresEveryRowWithItsTextAsGiven() {
        String awkward = "<p>\"引号\" \\反斜杠\\ {大括号}, 逗号 'single' NULL</p>";
        int n = 1_005;
        List<NewItem> rows = new java.util.ArrayList<>();
        List<Candidate> candidates = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            ExtractedItem item = new ExtractedItem(
                    i % 2 == 0 ? "guid-" + i : null,
                    "http://a/large-" + i + ".html",
                    "大批量第" + i + "条",
                    i % 3 == 0 ? null : "摘要" + i,
                    awkward + i,
                    OffsetDateTime.parse("2023-09-05T10:00:00+08:00"),
                    true);
            rows.add(new NewItem("a", item, DateOrigin.SOURCE, Instant.parse("2023-09-05T03:00:00Z"), null));
            Candidate real = Candidate.of("a", item);
            TextPrint print = real.print();
            // every fifth without keys, every seventh without a publication day, the others with two keys
            TextPrint noDay =
                    new TextPrint(print.fingerprint(), 1, 2, List.of(3L, 4L), 0, 6, null, "", "", null, List.of());
            TextPrint withKeys =
                    new TextPrint(print.fingerprint(), 1, 2, List.of(3L, 4L), 0, 6, 20230905, "", "", null, List.of());
            TextPrint chosen = i % 5 == 0 ? print : i % 7 == 0 ? noDay : withKeys;
            candidates.add(new Candidate("a", item.url(), item.guid(), chosen, "hash", 0));
        }
        Set<Long> inserted = BatchWrites.allocate(database.db(), n)
                .flatMap(seqs -> BatchWrites.insert(database.db(), rows, candidates, seqs))
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

    static NewItem newItem(String source, String url, String title, String body) {
        ExtractedItem item = new ExtractedItem(
                null, url, title, null, body, OffsetDateTime.parse("2023-09-05T10:00:00+08:00"), true);
        return new NewItem(source, item, DateOrigin.SOURCE, Instant.parse("2023-09-05T03:00:00Z"), null);
    }

    // A stored story that shares a band key but whose SimHash is farther than any rule could merge is not a
    // neighbour; one within the distance is.
    @Test
    void bandNeighboursFartherThanTheNearDistanceAreLeftOut() {
        long simhash = 0x0123_4567_89AB_CDEFL;
        // the bands come from the low 32 bits (synthetic()), so flipping high bits keeps both band keys
        long near = simhash ^ (0x3FFL << 40); // 10 bits apart
        long far = simhash ^ (0x7FFL << 40); // 11 bits apart
        NewItem nearItem = newItem("a", "http://a/band-near.html", "沙洋县召开秋季森林防火工作会议", "<p>甲</p>");
        NewItem farItem = newItem("a", "http://a/band-far.html", "京山市举办第三届农民运动会", "<p>乙</p>");
        List<Long> seqs = BatchWrites.allocate(database.db(), 2).block();
        BatchWrites.insert(
                        database.db(),
                        List.of(nearItem, farItem),
                        List.of(synthetic(nearItem, 8_101, near), synthetic(farItem, 8_102, far)),
                        seqs)
                .block(Duration.ofSeconds(30));
        NewItem probe = newItem("b", "http://b/band-probe.html", "钟祥市开展安全生产大检查", "<p>丙</p>");
        List<Long> found = NeighbourQuery.findAll(database.db(), List.of(synthetic(probe, 8_103, simhash)))
                .block(Duration.ofSeconds(30))
                .get(0)
                .stream()
                .map(Neighbour::seq)
                .toList();
        assertThat(found).contains(seqs.get(0)).doesNotContain(seqs.get(1));
    }

    static Candidate synthetic(NewItem item, long fingerprint, long simhash) {
        TextPrint print = new TextPrint(
                fingerprint,
                fingerprint + 1,
                simhash,
                List.of(simhash & 0xFFFF, (1L << 16) | ((simhash >>> 16) & 0xFFFF)),
                200,
                16,
                20230905,
                "",
                "",
                null,
                List.of());
        return new Candidate(item.sourceId(), item.item().url(), null, print, "h" + fingerprint, 0);
    }

    @Test
    void theNeighbourLookupUsesIndexes() {
        // the planner picks sequential scans on tiny tables; forbid them to see which indexes the plan can use
        String batch = NeighbourQuery.BATCH_SQL
                .replace(":idx", "'{0,1}'")
                .replace(":sources", "'{a,b}'")
                .replace(":urls", "'{http://a/1.html,x}'")
                .replace(":guids", "'{g-1,\"\"}'")
                .replace(":fps", "'{101,5}'")
                .replace(":tks", "'{102,6}'")
                .replace(":exactIdx", "'{0,1}'")
                .replace(":exactKeys", "'{11,12}'")
                .replace(":bandIdx", "'{0,1}'")
                .replace(":bandKeys", "'{1,2}'")
                .replace(":bandSimhashes", "'{7,8}'")
                .replace(":near", "10");
        List<String> plan = database.db()
                .inConnectionMany(connection -> Flux.from(connection
                                .createStatement("SET enable_seqscan = off")
                                .execute())
                        .thenMany(Flux.<io.r2dbc.spi.Result>concat(
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
                .contains("item_url")
                .contains("item_also_at_url");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
