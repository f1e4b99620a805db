package io.countywatch.aggregator.db.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts real PostgreSQL servers from the bundled binaries; as root they run as nobody. */
class LocalPostgresIT {

    // Fallback folders under /var/lib/aggregator that these tests caused; removed so runs do not pile up.
    private static final Set<Path> createdOutsideTempDir = ConcurrentHashMap.newKeySet();

    @TempDir
    Path tempDir;

    @AfterAll
    static void removeFallbackDataDirectories() throws IOException {
        for (Path dir : createdOutsideTempDir) {
            Folders.deleteRecursively(dir);
        }
    }

    @Test
    void runsInAPrivateTempDirAndFindsTrigramsInChineseText() throws Exception {
        Path configured = tempDir.resolve("pgdata");
        try (RunningPostgres pg = start(configured)) {
            if (JvmUser.isRoot()) {
                // @TempDir is mode 700, so nobody cannot reach it and the launcher must move elsewhere.
                assertThat(pg.dataDir()).isNotEqualTo(configured).startsWith(Folders.SHARED_ROOT);
                assertThat(reachableByNobody(pg.dataDir())).isTrue();
                assertThat(configured).doesNotExist();
            } else {
                assertThat(pg.dataDir()).isEqualTo(configured);
            }
            assertThat(pg.user()).isEqualTo("postgres");
            assertThat(pg.database()).isEqualTo("aggregator");
            assertThat(pg.r2dbcUrl()).isEqualTo("r2dbc:postgresql://127.0.0.1:" + pg.port() + "/aggregator");
            try (Connection connection = connect(pg);
                    Statement sql = connection.createStatement()) {
                sql.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
                assertThat(single(sql, "SELECT cardinality(show_trgm('孝昌县生活饮用水'))"))
                        .isGreaterThan(0);
                assertThat(single(sql, "SELECT similarity('孝昌县生活饮用水水质信息公布表', '孝昌县生活饮用水水质信息公布')"))
                        .isGreaterThan(0.5);
            }
        }
    }

    @Test
    void keepsDataAcrossRestart() throws Exception {
        Path configured = tempDir.resolve("pgdata");
        try (RunningPostgres first = start(configured);
                Connection connection = connect(first);
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE kept (title text)");
            sql.execute("INSERT INTO kept VALUES ('孝昌县')");
        }
        try (RunningPostgres second = start(configured);
                Connection connection = connect(second);
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT title FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("孝昌县");
        }
    }

    // The cached pages' list is saved at shutdown and read back by a background worker after the next start.
    @Test
    void savesItsCachedPagesAtShutdownAndReadsThemBackAfterAStart() throws Exception {
        Path configured = tempDir.resolve("pgdata-prewarm");
        Path dataDir;
        try (RunningPostgres first = start(configured);
                Connection connection = connect(first);
                Statement sql = connection.createStatement()) {
            dataDir = first.dataDir();
            sql.execute("CREATE TABLE warm AS SELECT g AS n, repeat('县', 200) AS body FROM generate_series(1, 5000) g");
            sql.execute("SELECT count(*) FROM warm");
        }
        assertThat(Files.readAllLines(dataDir.resolve("autoprewarm.blocks")))
                .as("autoprewarm.blocks names the pages cached at shutdown")
                .hasSizeGreaterThan(10);
        try (RunningPostgres second = start(configured)) {
            // the worker reads them in the background, a moment after the server accepts connections, and logs it
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> Files.readString(second.dataDir().resolve("postgres.log"))
                            .contains("autoprewarm successfully prewarmed"));
        }
    }

    @Test
    void refusesASecondInstanceOnADirectoryInUse() {
        Path configured = tempDir.resolve("pgdata");
        try (RunningPostgres first = start(configured)) {
            assertThatThrownBy(() -> start(configured))
                    .isInstanceOf(LocalPostgresException.class)
                    .hasMessageContaining("in use")
                    .hasMessageContaining(first.dataDir().toString());
        }
    }

    @Test
    void closingTwiceIsHarmless() {
        RunningPostgres pg = start(tempDir.resolve("pgdata"));
        pg.close();
        pg.close();
        assertThat(DataDirectory.runningServer(pg.dataDir())).isEmpty();
        assertThatThrownBy(() -> connect(pg).close()).isInstanceOf(SQLException.class);
    }

    @Test
    void startsWithTheSharedBuffersGiven() throws Exception {
        Path configured = tempDir.resolve("pgdata-buffers");
        try (RunningPostgres pg = remembered(
                        LocalPostgres.start(new LocalPostgresSettings(configured, 0, "aggregator", "192MB")),
                        configured);
                Connection connection = connect(pg);
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SHOW shared_buffers")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("192MB");
        }
    }

    @Test
    void createsExtraDatabasesOnlyOnce() throws Exception {
        try (RunningPostgres pg = start(tempDir.resolve("pgdata"))) {
            pg.createDatabase("scratch");
            pg.createDatabase("scratch");
            try (Connection connection = DriverManager.getConnection(
                    pg.jdbcUrl().replace("/aggregator", "/scratch"), pg.user(), pg.password())) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
    }

    private static RunningPostgres start(Path configured) {
        return remembered(LocalPostgres.start(new LocalPostgresSettings(configured)), configured);
    }

    // As root the data may live outside the temp dir (under /var/lib/aggregator/pg); noted for deletion.
    private static RunningPostgres remembered(RunningPostgres pg, Path configured) {
        if (!pg.dataDir().startsWith(configured)) {
            createdOutsideTempDir.add(pg.dataDir());
        }
        return pg;
    }

    private static Connection connect(RunningPostgres pg) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
    }

    private static double single(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getDouble(1);
        }
    }

    private static boolean reachableByNobody(Path dir) throws IOException, InterruptedException {
        Process test = new ProcessBuilder("runuser", "-u", "nobody", "--", "test", "-x", dir.toString())
                .inheritIO()
                .start();
        return test.waitFor() == 0 && Files.getOwner(dir).getName().equals("nobody");
    }
}
