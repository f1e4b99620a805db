package io.countywatch.aggregator.db.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * What this service writes next to {@code postmaster.pid} once its embedded server is up: which JVM started it
 * (pid and start time, so a recycled pid does not count) and from which binaries. The next start reads it to tell
 * its own server, orphaned by a {@code kill -9} of the JVM, from anyone else's.
 *
 * @param jvmPid the pid of the JVM that started the server
 * @param jvmStarted when that JVM started, as the operating system reports it (empty if it did not say)
 * @param postmasterPid the server's pid, as in {@code postmaster.pid}
 * @param postgres the {@code postgres} program the server runs
 */
record OwnerMarker(long jvmPid, String jvmStarted, long postmasterPid, Path postgres) {

    static final String FILE = "aggregator-owner.properties";

    /** The marker for a server this JVM has just started. */
    static OwnerMarker ofThisJvm(long postmasterPid, Path postgres) {
        ProcessHandle self = ProcessHandle.current();
        return new OwnerMarker(self.pid(), startOf(self), postmasterPid, postgres);
    }

    /** Whether the JVM that wrote this marker is still running (same pid and same start time). */
    boolean ownerAlive() {
        return ProcessHandle.of(jvmPid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> startOf(p).equals(jvmStarted))
                .isPresent();
    }

    void write(Path dataDir) {
        Properties p = new Properties();
        p.setProperty("jvm.pid", String.valueOf(jvmPid));
        p.setProperty("jvm.started", jvmStarted);
        p.setProperty("postmaster.pid", String.valueOf(postmasterPid));
        p.setProperty("postgres", postgres.toString());
        Path target = dataDir.resolve(FILE);
        Path staging = dataDir.resolve(FILE + ".tmp");
        try (Writer out = Files.newBufferedWriter(staging, StandardCharsets.UTF_8)) {
            p.store(out, "written by County Watch when it started this PostgreSQL; read at its next start");
        } catch (IOException e) {
            throw new LocalPostgresException("could not write " + target + ": " + e, e);
        }
        try {
            Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LocalPostgresException("could not write " + target + ": " + e, e);
        }
    }

    /** The marker in {@code dataDir}, if there is a readable one. */
    static Optional<OwnerMarker> read(Path dataDir) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(dataDir.resolve(FILE), StandardCharsets.UTF_8)) {
            p.load(in);
            return Optional.of(new OwnerMarker(
                    Long.parseLong(p.getProperty("jvm.pid")),
                    p.getProperty("jvm.started", ""),
                    Long.parseLong(p.getProperty("postmaster.pid")),
                    Path.of(p.getProperty("postgres"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // none, or torn: then the server is not known to be ours
        }
    }

    private static String startOf(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toString).orElse("");
    }
}
