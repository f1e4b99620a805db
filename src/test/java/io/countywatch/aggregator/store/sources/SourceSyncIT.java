package io.countywatch.aggregator.store.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.db.ReadDatabase;
import io.countywatch.aggregator.store.StoreDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The source table follows the sources file: many sources per statement (the tags of each travel joined), sources
 * gone from the file turn inactive, and a changed interval restarts adaptation.
 */
class SourceSyncIT {

    static StoreDatabase database;
    static SourceStateRepository states;

    @BeforeAll
    static void start() {
        database = StoreDatabase.create("source_sync", 2);
        states = new SourceStateRepository(database.db(), ReadDatabase.primary(database.db()));
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void writesEverySourceWithItsOwnTagsAcrossSeveralStatements() {
        List<SourceRow> rows = new ArrayList<>(IntStream.range(0, 1_203)
                .mapToObj(n -> new SourceRow(
                        "bulk-" + n,
                        "县" + n,
                        "http://127.0.0.1/" + n,
                        List.of("t" + n % 3),
                        "Asia/Shanghai",
                        600,
                        "127.0.0.1"))
                .toList());
        rows.add(new SourceRow(
                "tagged",
                "孝昌县人民政府",
                "http://127.0.0.1/x",
                List.of("湖北", "孝感", "a,b"),
                "Asia/Shanghai",
                900,
                "127.0.0.1"));
        rows.add(new SourceRow("untagged", "无标签", "http://127.0.0.1/y", List.of(), "UTC", 300, "127.0.0.1"));
        states.sync(rows).block(Duration.ofSeconds(60));

        assertThat(count("SELECT count(*) AS n FROM source WHERE active")).isEqualTo(1_205);
        assertThat(row("tagged"))
                .containsEntry("name", "孝昌县人民政府")
                .containsEntry("interval_seconds", 900)
                .containsEntry("timezone", "Asia/Shanghai");
        assertThat(tags("tagged")).containsExactly("湖北", "孝感", "a,b");
        assertThat(tags("untagged")).isEmpty();
        assertThat(tags("bulk-1202")).containsExactly("t2");
        assertThat(row("untagged")).containsEntry("timezone", "UTC").containsEntry("interval_seconds", 300);
    }

    @Test
    void aSourceLeftOutTurnsInactiveAndAChangedIntervalRestartsAdaptation() {
        SourceRow kept =
                new SourceRow("kept", "甲", "http://127.0.0.1/a", List.of("x"), "Asia/Shanghai", 600, "127.0.0.1");
        SourceRow dropped =
                new SourceRow("dropped", "乙", "http://127.0.0.1/b", List.of("x"), "Asia/Shanghai", 600, "127.0.0.1");
        states.sync(List.of(kept, dropped)).block(Duration.ofSeconds(30));
        database.db()
                .sql("UPDATE source SET current_interval_seconds = 1200 WHERE id = 'kept'")
                .then()
                .block(Duration.ofSeconds(30));

        SourceRow changed = new SourceRow(
                "kept", "甲县", "http://127.0.0.1/a2", List.of("y", "z"), "Asia/Shanghai", 300, "127.0.0.1");
        states.sync(List.of(changed)).block(Duration.ofSeconds(30));

        assertThat(row("kept"))
                .containsEntry("active", true)
                .containsEntry("name", "甲县")
                .containsEntry("url", "http://127.0.0.1/a2")
                .containsEntry("interval_seconds", 300)
                .containsEntry("current_interval_seconds", null);
        assertThat(tags("kept")).containsExactly("y", "z");
        assertThat(row("dropped")).containsEntry("active", false);
    }

    private static long count(String sql) {
        return database.db().sql(sql).map(r -> r.get("n", Long.class)).one().block(Duration.ofSeconds(30));
    }

    private static Map<String, Object> row(String id) {
        return database.db()
                .sql("SELECT name, url, timezone, interval_seconds, current_interval_seconds, active"
                        + " FROM source WHERE id = :id")
                .bind("id", id)
                .fetch()
                .one()
                .block(Duration.ofSeconds(30));
    }

    private static List<String> tags(String id) {
        String[] tags = database.db()
                .sql("SELECT tags FROM source WHERE id = :id")
                .bind("id", id)
                .map(r -> r.get("tags", String[].class))
                .one()
                .block(Duration.ofSeconds(30));
        return Arrays.asList(tags);
    }
}
