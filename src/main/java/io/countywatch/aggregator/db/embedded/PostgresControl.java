package io.countywatch.aggregator.db.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * initdb and pg_ctl for one data directory, run as the server account with their output kept for errors; the
 * server starts with {@code settings} ({@link ServerTuning}).
 */
record PostgresControl(PostgresBinaries binaries, ServerAccount account, Path dataDir, Map<String, String> settings) {

    static final String SUPERUSER = "postgres";
    static final String HOST = "127.0.0.1";
    private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(3);
    private static final int PG_CTL_WAIT_SECONDS = 60;
    // sun_path holds 108 bytes including the terminating NUL.
    private static final int MAX_SOCKET_PATH = 107;

    Path logFile() {
        return dataDir.resolve("postgres.log");
    }

    boolean initialized() {
        return Files.exists(dataDir.resolve("PG_VERSION"));
    }

    void initdb() {
        // A UTF-8 locale, not C: with the C locale pg_trgm finds no trigrams in Chinese text at all.
        CommandRunner.CommandResult result = run(
                List.of(
                        binaries.program("initdb").toString(),
                        "-A",
                        "trust",
                        "-U",
                        SUPERUSER,
                        "-D",
                        dataDir.toString(),
                        "-E",
                        "UTF-8",
                        "--locale=C.UTF-8"),
                INITDB_TIMEOUT);
        if (!result.succeeded()) {
            throw new LocalPostgresException("initdb failed for data directory " + dataDir + ": " + result.describe());
        }
    }

    /** Starts the server on {@code port} and waits until it accepts connections; the result says whether it did. */
    CommandRunner.CommandResult start(int port) {
        StringBuilder options = new StringBuilder(
                "-p " + port + " -c listen_addresses=" + HOST + " -k " + shellQuoted(socketDir(port)));
        settings.forEach(
                (name, value) -> options.append(" -c ").append(name).append('=').append(value));
        return run(
                List.of(
                        binaries.program("pg_ctl").toString(),
                        "-D",
                        dataDir.toString(),
                        "-o",
                        options.toString(),
                        "-l",
                        logFile().toString(),
                        "-w",
                        "-t",
                        String.valueOf(PG_CTL_WAIT_SECONDS),
                        "start"),
                Duration.ofSeconds(PG_CTL_WAIT_SECONDS + 30));
    }

    /** Fast shutdown: open sessions are cancelled, committed data is safe, nothing waits for clients. */
    void stop() {
        stop("fast");
    }

    /**
     * {@code mode} {@code fast}, or {@code immediate}: no shutdown checkpoint (the next start would recover from the
     * WAL), for a server whose data is thrown away next.
     */
    void stop(String mode) {
        CommandRunner.CommandResult result = run(
                List.of(
                        binaries.program("pg_ctl").toString(),
                        "-D",
                        dataDir.toString(),
                        "-m",
                        mode,
                        "-w",
                        "-t",
                        String.valueOf(PG_CTL_WAIT_SECONDS),
                        "stop"),
                Duration.ofSeconds(PG_CTL_WAIT_SECONDS + 30));
        if (!result.succeeded() && DataDirectory.runningServer(dataDir).isPresent()) {
            throw new LocalPostgresException("could not stop PostgreSQL in " + dataDir + ": " + result.describe() + "\n"
                    + LogTail.lastLines(logFile(), 20));
        }
    }

    // The socket lives in the data directory, private to this instance and reachable by the server account;
    // a path too long for a Unix socket means TCP only, which is all JDBC and R2DBC use anyway.
    private String socketDir(int port) {
        String dir = dataDir.toString();
        return (dir + "/.s.PGSQL." + port).length() <= MAX_SOCKET_PATH ? dir : "";
    }

    // pg_ctl hands -o to /bin/sh, so the path must survive the shell whatever it contains.
    private static String shellQuoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private CommandRunner.CommandResult run(List<String> args, Duration timeout) {
        // Run from the binaries folder: the JVM's own working directory may be private to root.
        return CommandRunner.run(account.command(new ArrayList<>(args)), binaries.home(), timeout);
    }
}
