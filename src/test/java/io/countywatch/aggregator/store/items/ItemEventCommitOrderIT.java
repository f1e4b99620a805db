package io.countywatch.aggregator.store.items;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.store.StoreDatabase;
import io.countywatch.aggregator.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live events are numbered at commit (V7): an open item transaction no longer holds the event-ordering lock, so
 * another instance's items commit meanwhile, and event ids still follow commit order. Plain JDBC here, because
 * the test needs two transactions open at once under its own control.
 */
class ItemEventCommitOrderIT {

    static StoreDatabase database;

    @BeforeAll
    static void start() {
        database = StoreDatabase.create("event_commit_order", 2);
        database.sources("a", "b");
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void anOpenItemTransactionDoesNotHoldBackOthersAndEventIdsFollowCommitOrder() throws SQLException {
        try (Connection slow = connect();
                Connection quick = connect()) {
            slow.setAutoCommit(false);
            insertItem(slow, "a", "http://a/slow.html");
            quick.setAutoCommit(false);
            try (Statement st = quick.createStatement()) {
                // had the open transaction kept the ordering lock (V6), this would wait for it and fail here
                st.execute("SET LOCAL lock_timeout = '5s'");
            }
            insertItem(quick, "b", "http://b/quick.html");
            quick.commit();
            slow.commit();
        }
        assertThat(eventUrlsInIdOrder()).containsExactly("http://b/quick.html", "http://a/slow.html");
    }

    @Test
    void aRolledBackTransactionLeavesNoEvent() throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            insertItem(connection, "a", "http://a/rolled-back.html");
            connection.rollback();
        }
        assertThat(eventUrlsInIdOrder()).doesNotContain("http://a/rolled-back.html");
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                database.jdbcUrl(),
                TestDatabase.server().user(),
                TestDatabase.server().password());
    }

    private static void insertItem(Connection connection, String source, String url) throws SQLException {
        try (var insert = connection.prepareStatement("""
                INSERT INTO item (source_id, url, title, published_at, date_origin, fetched_at, updated_at, content_hash)
                VALUES (?, ?, '孝南区召开防汛抗旱工作会议', now(), 'source', now(), now(), 'h')""")) {
            insert.setString(1, source);
            insert.setString(2, url);
            insert.executeUpdate();
        }
    }

    private static List<String> eventUrlsInIdOrder() throws SQLException {
        List<String> urls = new ArrayList<>();
        try (Connection connection = connect();
                Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT i.url FROM item_event e JOIN item i ON i.seq = e.item_seq ORDER BY e.id")) {
            while (rs.next()) {
                urls.add(rs.getString(1));
            }
        }
        return urls;
    }
}
