package io.countywatch.aggregator.support;

import io.countywatch.aggregator.db.embedded.LocalPostgres;
import io.countywatch.aggregator.db.embedded.LocalPostgresSettings;
import io.countywatch.aggregator.db.embedded.RunningPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real embedded PostgreSQL for the whole test JVM; each test class gets a database of its own in it, so
 * classes never see each other's rows and the server starts once.
 */
public final class TestDatabase {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static RunningPostgres server;

    private TestDatabase() {}

    public static synchronized RunningPostgres server() {
        if (server == null) {
            // The benchmarks run on this server: -Dtest.pg.shared-buffers=6GB measures with a machine-sized cache.
            String sharedBuffers = System.getProperty("test.pg.shared-buffers", LocalPostgresSettings.AUTO);
            server = LocalPostgres.start(
                    new LocalPostgresSettings(Path.of("target", "test-pg"), 0, "aggregator", sharedBuffers));
            RunningPostgres started = server;
            // Stopped and then deleted by one hook (the launcher's own would stop it concurrently with the delete):
            // the databases of a run are hundreds of MB (WAL included) that no later run reads.
            started.closeOnlyThroughOwner();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndDelete(started), "test-pg-stop"));
        }
        return server;
    }

    // Kept when asked (-Dtest.pg.keep=true) or when it holds a benchmark archive kept for later runs
    // (DedupeBenchmark -Dbench.keepArchive=true).
    private static void stopAndDelete(RunningPostgres started) {
        if (Boolean.getBoolean("test.pg.keep") || holdsKeptArchive(started)) {
            started.close();
            return;
        }
        try {
            started.discard(); // no shutdown checkpoint: the JVM has 30 s to exit, and the data goes anyway
        } catch (IOException e) {
            System.err.println("could not delete the test database in " + started.dataDir() + ": " + e);
        }
    }

    private static boolean holdsKeptArchive(RunningPostgres started) {
        try (Connection c = DriverManager.getConnection(
                        started.jdbcUrl().replaceFirst("/[^/]+$", "/postgres"), started.user(), started.password());
                Statement sql = c.createStatement();
                ResultSet rows = sql.executeQuery("SELECT 1 FROM pg_database WHERE datname LIKE 'dedupe_archive%'")) {
            return rows.next();
        } catch (SQLException e) {
            return true; // cannot tell: keep rather than lose an archive that took minutes to load
        }
    }

    /** A new, empty database; returns its r2dbc URL. */
    public static String freshDatabase(String prefix) {
        RunningPostgres pg = server();
        String name = prefix.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_" + NEXT.incrementAndGet() + "_"
                + ProcessHandle.current().pid();
        pg.createDatabase(name);
        return "r2dbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + name;
    }

    /** Points the application under test at a fresh database of the shared server. */
    public static void register(DynamicPropertyRegistry registry, String prefix) {
        String url = freshDatabase(prefix);
        registry.add("aggregator.db.url", () -> url);
        registry.add("aggregator.db.username", () -> server().user());
        registry.add("aggregator.db.password", () -> server().password());
    }
}
