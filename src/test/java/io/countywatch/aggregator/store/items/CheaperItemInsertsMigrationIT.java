package io.countywatch.aggregator.store.items;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.db.Migrations;
import io.countywatch.aggregator.support.TestDatabase;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Migration V8 on a database that already holds items: every row gets its keyword terms and band keys, the same
 * the application writes for new rows, and keyword search finds the old rows through the new index.
 */
class CheaperItemInsertsMigrationIT {

    @Test
    void existingItemsGetTheirTermsAndBandKeys() throws Exception {
        String jdbc = TestDatabase.freshDatabase("v8_migration").replaceFirst("^r2dbc:", "jdbc:");
        var server = TestDatabase.server();
        Migrations.configure()
                .dataSource(jdbc, server.user(), server.password())
                .target("7")
                .load()
                .migrate();
        try (Connection db = DriverManager.getConnection(jdbc, server.user(), server.password());
                Statement st = db.createStatement()) {
            st.execute("INSERT INTO source (id, name, url, interval_seconds) VALUES ('a', 'a', 'http://a/', 600)");
            st.execute("""
                    INSERT INTO item (source_id, url, title, summary, published_at, date_origin, fetched_at, updated_at,
                                      content_hash)
                    VALUES ('a', 'http://a/1.html', '孝感市召开防汛抗旱工作会议', 'Xiaogan 全力做好防汛', now(), 'source',
                            now(), now(), 'h1'),
                           ('a', 'http://a/2.html', '通知公告', NULL, now(), 'source', now(), now(), 'h2')""");
            st.execute("INSERT INTO item_band (band_key, item_seq) VALUES (7, 1), (4294967303, 1)");

            Migrations.configure()
                    .dataSource(jdbc, server.user(), server.password())
                    .load()
                    .migrate();

            try (ResultSet rs = st.executeQuery("SELECT seq, bigrams, band_keys FROM item ORDER BY seq")) {
                rs.next();
                assertThat(ints(rs.getArray("bigrams")))
                        .containsExactlyInAnyOrder(Bigrams.ofItem("孝感市召开防汛抗旱工作会议", "Xiaogan 全力做好防汛"));
                assertThat((Long[]) rs.getArray("band_keys").getArray()).containsExactly(7L, 4294967303L);
                rs.next();
                assertThat(ints(rs.getArray("bigrams"))).containsExactlyInAnyOrder(Bigrams.ofItem("通知公告", null));
                assertThat(rs.getArray("band_keys")).isNull();
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM item WHERE bigrams @> '"
                    + Arrays.toString(Bigrams.of("防汛")).replace('[', '{').replace(']', '}') + "'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    private static Integer[] ints(Array array) throws Exception {
        return (Integer[]) array.getArray();
    }
}
