package io.countywatch.aggregator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.db.ReadDatabase;
import io.countywatch.aggregator.store.sources.SourceRow;
import io.countywatch.aggregator.store.sources.SourceStateRepository;
import io.countywatch.aggregator.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sources sync and an item commit touching the same two sources in opposite orders both go through (V21):
 * source changes bump feed_version at commit under the commit-ordering lock, as item changes do. Before V21 a
 * source's row trigger bumped feed_version at the end of the sync's statement, without the lock: the sync held
 * source a's row, the item commit (holding the ordering lock) bumped b then waited for a, the sync then waited
 * for b, and PostgreSQL aborted one of them as a deadlock.
 *
 * <p>The interleaving is forced, not hoped for: the sync renames a and b in two statements of one transaction
 * (what a sync of more than one chunk, or an admin's SQL, does), and the items commit between the two. Inside
 * one statement of {@link SourceStateRepository#sync} the same cycle needs a race between the row triggers.
 */
class SourceSyncAgainstItemCommitsIT {

    static StoreDatabase database;

    @BeforeAll
    static void start() {
        database = StoreDatabase.create("sync_vs_commit", 2);
        new SourceStateRepository(database.db(), ReadDatabase.primary(database.db()))
                .sync(List.of(row("a", "甲县"), row("b", "乙县")))
                .block(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void aSourcesSyncAndAnItemCommitTouchingTheSameSourcesInOppositeOrderBothCommit() throws Exception {
        try (Connection sync = connect()) {
            sync.setAutoCommit(false);
            rename(sync, "a", "甲县人民政府");

            CompletableFuture<Void> items =
                    CompletableFuture.runAsync(SourceSyncAgainstItemCommitsIT::commitItemsOfBThenA);
            // before V21 the commit waits for the sync's feed_version row of a; since, it simply commits
            await().atMost(Duration.ofSeconds(30)).until(() -> items.isDone() || waitingOnALock("COMMIT"));

            rename(sync, "b", "乙县人民政府");
            sync.commit();
            items.get(30, TimeUnit.SECONDS);
        }
        assertThat(names()).containsExactly("甲县人民政府", "乙县人民政府");
        assertThat(itemCount("http://127.0.0.1/_/1.html")).isEqualTo(2);
    }

    @Test
    void theOrderingLockIsTheTwoKeyLockAndNoHashedItemKeyCanHoldItUp() throws Exception {
        try (Connection other = connect()) {
            other.setAutoCommit(false);
            try (Statement st = other.createStatement()) {
                // the one-key lock V7 used: any 64-bit item key hash could be this number
                st.execute("SELECT pg_advisory_xact_lock(7366001)");
            }
            assertThat(commitItemWithin("2s", "http://127.0.0.1/a/one-key.html"))
                    .isNull();
            try (Statement st = other.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(7366, 1)");
            }
            assertThat(commitItemWithin("1s", "http://127.0.0.1/a/two-key.html"))
                    .as("an item commit waits for whoever holds the two-key ordering lock")
                    .isEqualTo("55P03");
            other.rollback();
        }
    }

    /** Commits one item of a with a lock timeout; the SQL state of the failure, or null when it committed. */
    private static String commitItemWithin(String lockTimeout, String url) throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                st.execute("SET LOCAL lock_timeout = '" + lockTimeout + "'");
            }
            insertItem(connection, "a", url);
            connection.commit();
            return null;
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }

    private static void rename(Connection connection, String id, String name) throws SQLException {
        try (var update = connection.prepareStatement("UPDATE source SET name = ? WHERE id = ?")) {
            update.setString(1, name);
            update.setString(2, id);
            update.executeUpdate();
        }
    }

    private static SourceRow row(String id, String name) {
        return new SourceRow(id, name, "http://127.0.0.1/" + id, List.of("hubei"), "Asia/Shanghai", 600, "127.0.0.1");
    }

    private static void commitItemsOfBThenA() {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            for (String source : List.of("b", "a")) {
                insertItem(connection, source, "http://127.0.0.1/" + source + "/1.html");
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("item commit: " + e.getMessage(), e);
        }
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

    private static boolean waitingOnALock(String queryLike) throws SQLException {
        return query("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%s'""".formatted(queryLike)) > 0;
    }

    private static List<String> names() throws SQLException {
        try (Connection connection = connect();
                Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT name FROM source ORDER BY id")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    private static long itemCount(String urlLike) throws SQLException {
        return query("SELECT count(*) FROM item WHERE url LIKE '" + urlLike + "'");
    }

    private static long query(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                database.jdbcUrl(),
                TestDatabase.server().user(),
                TestDatabase.server().password());
    }
}
