package io.countywatch.aggregator.db.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the embedded PostgreSQL a running service started on a data directory, so a second process (the preview
 * CLI) can use that server instead of starting another on the same files. Looks in the configured folder and in
 * the one root falls back to ({@link DataDirectory#fallbackFor}); creates nothing.
 */
public final class RunningServer {

    // postmaster.pid: pid, data directory, start time, port, socket directory, listen address, ... (one per line)
    private static final int PORT_LINE = 3;

    private RunningServer() {}

    /** Where to reach the live server of {@code configuredDataDir}, if one runs. */
    public static Optional<Address> find(Path configuredDataDir) {
        Path wanted = configuredDataDir.toAbsolutePath().normalize();
        return Stream.of(wanted, DataDirectory.fallbackFor(wanted))
                .filter(dir -> DataDirectory.runningServer(dir).isPresent())
                .flatMap(dir -> port(dir).map(port -> new Address(dir, port)).stream())
                .findFirst();
    }

    /**
     * Where the embedded server keeps the data of this configured folder: the folder itself, or root's fallback
     * under /var/lib/aggregator/pg when the server account cannot reach it (and the fallback holds a database).
     */
    public static Path dataDirOf(Path configuredDataDir) {
        Path wanted = configuredDataDir.toAbsolutePath().normalize();
        Path fallback = DataDirectory.fallbackFor(wanted);
        return Files.exists(wanted.resolve("PG_VERSION")) || !Files.exists(fallback.resolve("PG_VERSION"))
                ? wanted
                : fallback;
    }

    private static Optional<Integer> port(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return Optional.of(Integer.parseInt(lines.get(PORT_LINE).trim()));
        } catch (IOException | RuntimeException torn) {
            return Optional.empty(); // a server still starting writes the file in steps
        }
    }

    /** A live embedded server: its data folder and its port on 127.0.0.1. */
    public record Address(Path dataDir, int port) {

        public String r2dbcUrl(String database) {
            return "r2dbc:postgresql://" + PostgresControl.HOST + ":" + port + "/" + database;
        }

        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + PostgresControl.HOST + ":" + port + "/" + database;
        }

        /** The superuser the embedded server trusts on loopback. */
        public String user() {
            return PostgresControl.SUPERUSER;
        }
    }
}
