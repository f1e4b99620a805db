package io.countywatch.aggregator.db.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL found running on the data directory at start-up. When it is this service's own server, left behind
 * by a JVM that was killed without shutting down (its {@link OwnerMarker} names a JVM that is gone, the same
 * binaries and the same postmaster, and the process's command line agrees), it is stopped cleanly so the start can go
 * on. Anything else still blocks, with how to tell what it is and what to do.
 */
final class OrphanedServer {

    private static final Logger log = LoggerFactory.getLogger(OrphanedServer.class);

    private OrphanedServer() {}

    /** Returns normally when {@code dataDir} is free (or has been freed); throws when another server holds it. */
    static void stopIfOursOrRefuse(PostgresControl control) {
        Path dataDir = control.dataDir();
        var running = DataDirectory.runningServer(dataDir);
        if (running.isEmpty()) {
            return;
        }
        long pid = running.get();
        var marker = OwnerMarker.read(dataDir);
        Path postgres = control.binaries().program("postgres");
        if (marker.isPresent()
                && marker.get().postmasterPid() == pid
                && marker.get().ownerAlive()) {
            throw new LocalPostgresException("data directory " + dataDir + " is in use by PostgreSQL pid " + pid
                    + ", started by another running instance of this service (JVM pid "
                    + marker.get().jvmPid()
                    + "); stop that instance first, or give this one another aggregator.db.embedded.data-dir"
                    + " (AGGREGATOR_DATA_DIR)");
        }
        if (marker.isPresent()
                && marker.get().postmasterPid() == pid
                && samePath(marker.get().postgres(), postgres)
                && commandLineMatches(pid, postgres, dataDir)) {
            control.stop();
            log.info(
                    "Stopped PostgreSQL pid {} left running in {} by an earlier run of this service (JVM pid {},"
                            + " ended without shutting down); starting it afresh",
                    pid,
                    dataDir,
                    marker.get().jvmPid());
            return;
        }
        throw new LocalPostgresException("data directory " + dataDir + " is in use by process " + pid
                + ", which this service did not start (no matching " + OwnerMarker.FILE + ", or another program or"
                + " data directory on its command line). See what it is with `ps -o pid,user,args -p " + pid + "`;"
                + " if it is a PostgreSQL you no longer need, stop it with `pg_ctl -D " + dataDir
                + " stop -m fast` (or `kill " + pid + "`), otherwise give this service another"
                + " aggregator.db.embedded.data-dir (AGGREGATOR_DATA_DIR)");
    }

    // The postmaster keeps the command line pg_ctl gave it: "<bin>/postgres -D <dataDir> -p …".
    static boolean commandLineMatches(long pid, Path postgres, Path dataDir) {
        List<String> args = commandLine(pid);
        int d = args.indexOf("-D");
        return !args.isEmpty()
                && samePath(Path.of(args.get(0)), postgres)
                && d >= 0
                && d + 1 < args.size()
                && samePath(Path.of(args.get(d + 1)), dataDir);
    }

    private static List<String> commandLine(long pid) {
        try {
            String raw = new String(
                    Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")), StandardCharsets.UTF_8);
            return raw.isEmpty() ? List.of() : Arrays.asList(raw.split("\0"));
        } catch (IOException e) {
            return List.of(); // gone, or hidden from us: not known to be ours
        }
    }

    private static boolean samePath(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
