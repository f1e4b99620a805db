package io.countywatch.aggregator.db.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server started by {@link LocalPostgres}: where to connect, and {@link #close()} to stop it.
 * Stopping is idempotent, and a shutdown hook stops the server if nobody closes it.
 */
public final class RunningPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunningPostgres.class);
    private static final String MAINTENANCE_DATABASE = "postgres";

    private final PostgresControl control;
    private final int port;
    private final String database;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::stopFromHook, "local-postgres-shutdown");
    private volatile long postmasterPid = -1;
    private volatile ServerSupervisor supervisor;

    RunningPostgres(PostgresControl control, int port, String database) {
        this.control = control;
        this.port = port;
        this.database = database;
    }

    public String host() {
        return PostgresControl.HOST;
    }

    public int port() {
        return port;
    }

    public String user() {
        return PostgresControl.SUPERUSER;
    }

    /** Empty: the server trusts connections, and only listens on the loopback address. */
    public String password() {
        return "";
    }

    public String database() {
        return database;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host() + ":" + port + "/" + database;
    }

    public String r2dbcUrl() {
        return "r2dbc:postgresql://" + host() + ":" + port + "/" + database;
    }

    /** Where the data actually lives, which as root may differ from the configured directory. */
    public Path dataDir() {
        return control.dataDir();
    }

    /** Creates database {@code name} unless it exists; meant for tests that want a database of their own. */
    public void createDatabase(String name) {
        LocalPostgresSettings.requirePlainName(name);
        String url = "jdbc:postgresql://" + host() + ":" + port + "/" + MAINTENANCE_DATABASE;
        Properties props = new Properties();
        props.setProperty("user", user());
        props.setProperty("connectTimeout", "10");
        try (Connection connection = DriverManager.getConnection(url, props);
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            if (exists.executeQuery().next()) {
                return;
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + name + "\"");
            }
        } catch (SQLException e) {
            // 42P04: another process created it between our check and our CREATE, which is what we wanted.
            if (!"42P04".equals(e.getSQLState())) {
                throw new LocalPostgresException("could not create database " + name + " at " + url + ": " + e, e);
            }
        }
    }

    /** The postmaster's pid as of the last (re)start, or -1 when it was not known. */
    public long postmasterPid() {
        return postmasterPid;
    }

    /**
     * Watches the server every {@code every} and starts it again on the same data directory and port when it has
     * died (killed, out of memory): PostgreSQL's own crash recovery replays the WAL, and clients reconnect to the
     * same address. Stops with {@link #close()}.
     */
    public synchronized void supervise(Duration every) {
        if (supervisor == null && !closed.get()) {
            supervisor = ServerSupervisor.start(this, every);
        }
    }

    // Records the postmaster this JVM started, so a later start can tell it from someone else's (OrphanedServer).
    void markOwnership() {
        postmasterPid = DataDirectory.runningServer(control.dataDir()).orElse(-1L);
        if (postmasterPid > 0) {
            OwnerMarker.ofThisJvm(postmasterPid, control.binaries().program("postgres"))
                    .write(control.dataDir());
        }
    }

    /** Whether the postmaster started last is still running; false also once it is only a zombie. */
    boolean serverAlive() {
        return ProcessState.alive(postmasterPid);
    }

    /**
     * Starts the server again after it died; empty when it is up (or closed meanwhile, so never restarted), else
     * why not yet (the killed server's backends may still hold its shared memory for a moment).
     */
    synchronized Optional<String> restartAfterCrash() {
        if (closed.get()) {
            return Optional.empty();
        }
        if (DataDirectory.runningServer(control.dataDir()).isPresent()) {
            // an earlier attempt's pg_ctl gave up waiting (the killed server's memory was still held) and its
            // postmaster came up after all: adopt it; starting again would only fail on its postmaster.pid
            markOwnership();
            return Optional.empty();
        }
        CommandRunner.CommandResult result = control.start(port);
        if (!result.succeeded()) {
            return Optional.of(result.describe() + "\n" + LogTail.lastLines(control.logFile(), 5));
        }
        markOwnership();
        return Optional.empty();
    }

    boolean closed() {
        return closed.get();
    }

    /** Stops the server ({@code pg_ctl stop -m fast}); later calls do nothing. */
    @Override
    public void close() {
        stop("fast");
    }

    /**
     * Stops the server without its shutdown checkpoint ({@code pg_ctl stop -m immediate}) and deletes its data
     * directory: for throwaway servers (tests), whose checkpoint can take longer than the JVM is given to exit.
     */
    public void discard() throws java.io.IOException {
        stop("immediate");
        Folders.deleteRecursively(control.dataDir());
        java.nio.file.Files.deleteIfExists(DataDirectory.recordOf(control.dataDir())); // if it was a fallback
    }

    private void stop(String mode) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ServerSupervisor watching = supervisor;
        if (watching != null) {
            watching.stop();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException alreadyShuttingDownOrNeverAdded) {
            // Nothing to undo.
        }
        synchronized (this) { // waits for a restart under way
            control.stop(mode);
        }
        log.info("PostgreSQL in {} stopped", control.dataDir());
    }

    /**
     * Hands stopping over to an owner that closes this server in order at shutdown (the Spring context, after
     * the web server and the pollers have stopped): JVM hooks run concurrently, so the safety hook would stop
     * the database while requests still finish.
     */
    public void closeOnlyThroughOwner() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException alreadyShuttingDownOrNeverAdded) {
            // the JVM is stopping already, or there was no hook: nothing to hand over
        }
    }

    void stopAtShutdown() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private void stopFromHook() {
        if (!closed.get()) {
            log.warn("PostgreSQL in {} was never closed; stopping it at JVM shutdown", control.dataDir());
        }
        close();
    }

    @Override
    public String toString() {
        return "RunningPostgres[" + jdbcUrl() + ", dataDir=" + control.dataDir() + "]";
    }
}
