package io.countywatch.aggregator.support;

import io.countywatch.aggregator.db.embedded.LocalPostgres;
import io.countywatch.aggregator.db.embedded.LocalPostgresSettings;
import io.countywatch.aggregator.db.embedded.RunningPostgres;
import java.nio.file.Path;
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
            server = LocalPostgres.start(new LocalPostgresSettings(Path.of("target", "test-pg"), 0, "aggregator"));
            RunningPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-pg-stop"));
        }
        return server;
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
