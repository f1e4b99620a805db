package io.countywatch.aggregator.store.items;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.store.StoreDatabase;
import io.countywatch.aggregator.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A source's feed holds the items it lists through {@code item_also_at}: a change of such an item must move that
 * source's feed version too, or its feed answers 304 with stale content. The commit trigger does it (V12, with the
 * two-key ordering lock since V23); V20, written beside V12, had put back a body that bumped the owner alone.
 */
class AlsoAtFeedVersionIT {

    static StoreDatabase database;

    @BeforeAll
    static void start() throws SQLException {
        database = StoreDatabase.create("also_at_feed_version", 1);
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO source (id, name, url, interval_seconds) VALUES"
                    + " ('county', '孝南区', 'http://127.0.0.1/county/', 600),"
                    + " ('daily', '孝感日报', 'http://127.0.0.1/daily/', 600)");
            s.execute("INSERT INTO item (source_id, url, title, published_at, date_origin, fetched_at, updated_at,"
                    + " content_hash) VALUES ('county', 'http://127.0.0.1/county/1.html', '孝南区召开防汛抗旱工作会议',"
                    + " now(), 'source', now(), now(), 'h')");
            s.execute("INSERT INTO item_also_at (item_seq, source_id, url, found_at)"
                    + " SELECT seq, 'daily', 'http://127.0.0.1/daily/9.html', now() FROM item");
        }
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void aChangedItemMovesTheFeedVersionOfEverySourceThatListsIt() throws SQLException {
        long daily = version("daily");
        long county = version("county");

        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE item SET title = '孝南区召开防汛抗旱工作会议（更正）', updated_at = now()");
        }

        assertThat(version("county")).as("the owner's feed").isGreaterThan(county);
        assertThat(version("daily"))
                .as("the feed of the source that lists it too")
                .isGreaterThan(daily);
    }

    private static long version(String source) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                var rows = s.executeQuery(
                        "SELECT coalesce(max(version), 0) FROM feed_version WHERE source_id = '" + source + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                database.jdbcUrl(),
                TestDatabase.server().user(),
                TestDatabase.server().password());
    }
}
