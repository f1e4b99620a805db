package io.countywatch.aggregator.db.embedded;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a real PostgreSQL 17 from the binaries jar on the classpath, so the service runs without an installed
 * database. Handles running as root by starting the server as {@code nobody}.
 */
public final class LocalPostgres {

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
    // Port 0 means we picked the port; another process may grab it before postgres binds, so try a few.
    private static final int PORT_ATTEMPTS = 5;

    private LocalPostgres() {}

    /** Initialises the data directory if needed, starts the server and creates the database if missing. */
    public static RunningPostgres start(LocalPostgresSettings settings) throws LocalPostgresException {
        long started = System.nanoTime();
        ServerAccount account = ServerAccount.detect();
        PostgresBinaries binaries = PostgresBinaries.locate(account);
        Path dataDir = DataDirectory.prepare(settings.dataDir(), account);
        PostgresControl control = new PostgresControl(
                binaries, account, dataDir, ServerTuning.settings(settings.resolvedSharedBuffers()));
        OrphanedServer.stopIfOursOrRefuse(control);
        if (!control.initialized()) {
            log.info("Initialising PostgreSQL data directory {}", dataDir);
            control.initdb();
        }
        int port = startServer(control, settings.port());
        RunningPostgres running = new RunningPostgres(control, port, settings.database());
        // From here on the server outlives us unless stopped, so the safety net goes up before anything can fail.
        running.stopAtShutdown();
        try {
            running.markOwnership();
            running.createDatabase(settings.database());
        } catch (RuntimeException e) {
            running.close();
            throw e;
        }
        log.info(
                "PostgreSQL is up at {} (data in {}, running as {}, shared_buffers {}) after {} ms",
                running.jdbcUrl(),
                dataDir,
                account.user(),
                control.settings().get("shared_buffers"),
                (System.nanoTime() - started) / 1_000_000);
        return running;
    }

    private static int startServer(PostgresControl control, int configuredPort) {
        CommandRunner.CommandResult last = null;
        for (int attempt = 1; attempt <= (configuredPort == 0 ? PORT_ATTEMPTS : 1); attempt++) {
            int port = configuredPort == 0 ? FreePort.pick() : configuredPort;
            last = control.start(port);
            if (last.succeeded()) {
                return port;
            }
            // lost a race with another instance on the same directory
            OrphanedServer.stopIfOursOrRefuse(control);
            if (configuredPort == 0 && !LogTail.lastLines(control.logFile(), 20).contains("could not bind")) {
                break;
            }
        }
        throw new LocalPostgresException("PostgreSQL did not start in " + control.dataDir() + ": " + last.describe()
                + "\n" + LogTail.lastLines(control.logFile(), 20));
    }
}
