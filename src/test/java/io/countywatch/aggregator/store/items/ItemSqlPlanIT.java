package io.countywatch.aggregator.store.items;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.db.Migrations;
import io.countywatch.aggregator.support.TestDatabase;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The plans behind every feed query, read with EXPLAIN on a table large enough (and analyzed) that PostgreSQL
 * would rather scan it sequentially if no index fitted: each filter must reach its intended index.
 */
class ItemSqlPlanIT {

    static DatabaseClient db;

    @BeforeAll
    static void loadItems() throws Exception {
        String r2dbcUrl = TestDatabase.freshDatabase("item_plans");
        String jdbcUrl = r2dbcUrl.replace("r2dbc:", "jdbc:");
        String user = TestDatabase.server().user();
        String password = TestDatabase.server().password();
        Migrations.configure().dataSource(jdbcUrl, user, password).load().migrate();
        try (var connection = DriverManager.getConnection(jdbcUrl, user, password);
                var statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO source (id, name, url, tags, interval_seconds)
                    SELECT 'county-' || n, '县' || n, 'http://county' || n || '.gov.cn/',
                           CASE WHEN n % 10 = 0 THEN ARRAY['rare', 'hubei'] ELSE ARRAY['hubei'] END, 900
                    FROM generate_series(1, 40) n""");
            // 60,000 items; one in 6,000 mentions 防汛抗旱, so a keyword search must find them through the index.
            statement.execute("""
                    INSERT INTO item (source_id, url, title, summary, published_at, date_origin, fetched_at,
                                      updated_at, content_hash)
                    SELECT 'county-' || (n % 40 + 1), 'http://county/' || n || '.html',
                           CASE WHEN n % 6000 = 0 THEN '全力做好防汛抗旱工作' || n ELSE '县政府常务会议第' || n || '次' END,
                           '会议研究' || md5(n::text), timestamptz '2020-01-01' + n * interval '10 minutes', 'source',
                           now(), now(), md5(n::text)
                    FROM generate_series(1, 60000) n""");
            statement.execute("ANALYZE");
        }
        var options = ConnectionFactoryOptions.parse(r2dbcUrl)
                .mutate()
                .option(ConnectionFactoryOptions.USER, user)
                .option(ConnectionFactoryOptions.PASSWORD, password)
                .build();
        db = DatabaseClient.create(ConnectionFactories.get(options));
    }

    static String plan(ItemQuery query) {
        List<String> lines = ItemSql.page(query)
                .bindTo(db, "EXPLAIN ")
                .map(row -> row.get(0, String.class))
                .all()
                .collectList()
                .block();
        return lines.stream().collect(Collectors.joining("\n"));
    }

    static ItemQuery query(String source, String tag, String keyword, ItemCursor cursor) {
        return new ItemQuery(source, tag, keyword, null, 50, cursor);
    }

    @Test
    void allSourcesFeedReadsThePublishedIndex() {
        String plan = plan(query(null, null, null, null));
        assertThat(plan).contains("Index Scan using item_published on item").doesNotContain("Seq Scan on item");
    }

    @Test
    void laterPagesReadThePublishedIndexFromTheCursor() {
        String plan = plan(query(null, null, null, new ItemCursor(Instant.parse("2020-06-01T00:00:00Z"), 30000)));
        assertThat(plan).contains("Index Scan using item_published on item").contains("Index Cond");
    }

    @Test
    void sourceFeedReadsTheSourceIndex() {
        String plan = plan(query("county-7", null, null, null));
        assertThat(plan)
                // the source's own newest rows, and its places (item_also_at: empty here, so scanned)
                .containsPattern("Index (Only )?Scan using item_source_published on item")
                .doesNotContainPattern("Seq Scan on item\\s");
    }

    @Test
    void tagFeedReadsTheSourceIndexOncePerSourceWithTheTag() {
        String plan = plan(query(null, "rare", null, null));
        assertThat(plan)
                // the source's own newest rows, and its places (item_also_at: empty here, so scanned)
                .containsPattern("Index (Only )?Scan using item_source_published on item")
                .doesNotContainPattern("Seq Scan on item\\s");
    }

    @Test
    void bigramsAreEveryDistinctPairOfNeighbouringCharactersLowerCased() {
        for (String text : List.of("", "防", "防汛", "全力做好防汛抗旱工作，防汛！", "Xiaogan 孝感 XIAOGAN", "A B", "𠀋𠀋字")) {
            String[] got = db.sql("SELECT item_bigrams(:text) AS b")
                    .bind("text", text)
                    .map(row -> row.get("b", String[].class))
                    .one()
                    .block();
            int[] chars = text.toLowerCase(java.util.Locale.ROOT).codePoints().toArray();
            java.util.Set<String> expected = new java.util.HashSet<>();
            for (int i = 0; i + 1 < chars.length; i++) {
                expected.add(new String(chars, i, 2));
            }
            assertThat(got).as(text).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void bigramsComputedInTheJvmAreThoseOfTheSqlFunctions() {
        for (String text : List.of(
                "",
                "防",
                "防汛",
                "全力做好防汛抗旱工作，防汛！",
                "Xiaogan 孝感 XIAOGAN",
                "A B",
                "𠀋𠀋字",
                "ＡＢＣ全角 ΣΑΣ Ünïcode İstanbul",
                "第1栏目 第0条\t2023年")) {
            Integer[] codes = db.sql("SELECT item_bigram_codes(:text) AS b")
                    .bind("text", text)
                    .map(row -> row.get("b", Integer[].class))
                    .one()
                    .block();
            String[] pairs = db.sql("SELECT item_bigrams(:text) AS b")
                    .bind("text", text)
                    .map(row -> row.get("b", String[].class))
                    .one()
                    .block();
            java.util.Set<Integer> fromPairs = new java.util.HashSet<>();
            for (String pair : pairs) {
                int[] two = pair.codePoints().toArray();
                fromPairs.add((two[0] & 0xFFFF) << 16 | (two[1] & 0xFFFF));
            }
            assertThat(Bigrams.of(text))
                    .as(text)
                    .containsExactlyInAnyOrder(codes)
                    .containsExactlyInAnyOrderElementsOf(fromPairs);
        }
    }

    @Test
    void longerKeywordReadsTheBigramIndexToo() {
        String plan = plan(query(null, null, "防汛抗旱", null));
        assertThat(plan).contains("Bitmap Index Scan on item_bigram_codes").doesNotContain("Seq Scan on item");
    }

    @Test
    void longerKeywordFindsEveryMatchAndNoOther() {
        List<String> titles = ItemSql.page(query(null, null, "防汛抗旱工作", null))
                .bindTo(db)
                .map(row -> row.get("title", String.class))
                .all()
                .collectList()
                .block();
        assertThat(titles).hasSize(10).allSatisfy(t -> assertThat(t).contains("防汛抗旱工作"));
        // every bigram of "次 会议" is in the indexed text of each row ("…第7次" + " " + "会议研究…"), but neither the
        // title nor the summary holds the keyword: the recheck must drop them all
        assertThat(ItemSql.page(query("county-1", null, "次 会议", null))
                        .bindTo(db)
                        .map(row -> row.get("title", String.class))
                        .all()
                        .collectList()
                        .block())
                .isEmpty();
    }

    @Test
    void twoCharacterKeywordReadsTheBigramIndex() {
        String plan = plan(query(null, null, "防汛", null));
        assertThat(plan).contains("Bitmap Index Scan on item_bigram_codes").doesNotContain("Seq Scan on item");
    }

    @Test
    void twoCharacterKeywordFindsEveryMatch() {
        List<String> titles = ItemSql.page(query(null, null, "防汛", null))
                .bindTo(db)
                .map(row -> row.get("title", String.class))
                .all()
                .collectList()
                .block();
        assertThat(titles).hasSize(10).allSatisfy(t -> assertThat(t).startsWith("全力做好防汛抗旱工作"));
    }

    @Test
    void twoCharacterKeywordMatchesAcrossCaseAndInSummaries() {
        List<String> titles = ItemSql.page(query(null, null, "Md", null))
                .bindTo(db)
                .map(row -> row.get("title", String.class))
                .all()
                .collectList()
                .block();
        // no title or summary says "md": the bigram index must not invent matches
        assertThat(titles).isEmpty();
        List<String> inSummary = ItemSql.page(query("county-1", null, "研究", null))
                .bindTo(db)
                .map(row -> row.get("title", String.class))
                .all()
                .collectList()
                .block();
        assertThat(inSummary).hasSize(51);
    }
}
