package io.countywatch.aggregator.db.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the folder PostgreSQL keeps its data in and readies it for the server account. As root, a configured
 * folder that account cannot reach is replaced by one under /var/lib/aggregator/pg rather than loosening the
 * permissions of the user's own folders.
 */
final class DataDirectory {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

    private DataDirectory() {}

    static Path prepare(Path configured, ServerAccount account) {
        Path wanted = configured.toAbsolutePath().normalize();
        try {
            if (!account.switched()) {
                Files.createDirectories(wanted);
                return wanted;
            }
            if (usableAsIs(wanted, account)) {
                createOwned(wanted, account);
                return wanted;
            }
            if (Files.exists(wanted.resolve("PG_VERSION"))) {
                // Falling back here would start an empty database and look like data loss.
                throw new LocalPostgresException("data directory " + wanted + " holds a database, but PostgreSQL"
                        + " runs as user " + account.user() + " (the service runs as root) and that user cannot"
                        + " use it; run `chown -R " + account.user() + " " + wanted + "` and make its parent"
                        + " folders searchable, or run the service as the data directory's owner");
            }
            Path fallback = fallbackFor(wanted);
            log.warn(
                    "data directory {} is not reachable by user {}; using {} instead",
                    wanted,
                    account.user(),
                    fallback);
            Folders.createTraversable(fallback.getParent());
            if (!account.canReach(fallback.getParent())) {
                throw new LocalPostgresException("neither " + wanted + " nor " + fallback.getParent()
                        + " is reachable by user " + account.user() + "; make " + Folders.SHARED_ROOT
                        + " searchable (mode 755) or choose a data directory outside private folders");
            }
            createOwned(fallback, account);
            // which configured folder this one stands for, for the operator (the name ends in a hash of it)
            Files.writeString(recordOf(fallback), wanted + "\n", StandardCharsets.UTF_8);
            return fallback;
        } catch (IOException e) {
            throw new LocalPostgresException("could not prepare data directory " + wanted + ": " + e, e);
        }
    }

    /** The pid of a live postmaster already serving {@code dataDir}, if any; a stale pid file is pg_ctl's to clear. */
    static Optional<Long> runningServer(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(DataDirectory::couldBePostgres)
                    .map(ProcessHandle::pid);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // no pid file, or a torn one: nothing to protect
        }
    }

    /** The file beside a fallback folder naming the configured folder it replaces: {@code pg-1a2b3c4d.for}. */
    static Path recordOf(Path fallback) {
        return fallback.resolveSibling(fallback.getFileName() + ".for");
    }

    /** Where root keeps the data for {@code wanted}: stable across restarts, distinct per configured path. */
    static Path fallbackFor(Path wanted) {
        String name =
                wanted.getFileName() == null ? "data" : wanted.getFileName().toString();
        return Folders.SHARED_ROOT.resolve("pg").resolve(name + "-" + shortHash(wanted.toString()));
    }

    private static boolean usableAsIs(Path wanted, ServerAccount account) {
        if (Files.exists(wanted)) {
            // Only a folder the server account already owns; chowning someone else's folder is not ours to do.
            return account.owns(wanted) && account.canReach(wanted);
        }
        Path ancestor = wanted.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        return ancestor != null && account.canReach(ancestor);
    }

    private static void createOwned(Path dir, ServerAccount account) throws IOException {
        Folders.createTraversable(dir.getParent());
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException existing) {
            if (!account.owns(dir)) {
                throw new LocalPostgresException("data directory " + dir + " belongs to "
                        + Files.getOwner(dir).getName() + ", but PostgreSQL runs as user " + account.user());
            }
            return;
        }
        // PostgreSQL insists on 700 (or 750) for its data directory.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        account.takeOver(dir);
    }

    // A recycled pid may belong to anything; only a process that might be postgres counts. Other users'
    // command lines can be hidden from us, and then we stay on the safe side.
    private static boolean couldBePostgres(ProcessHandle process) {
        return process.info()
                .command()
                .map(command -> command.endsWith("postgres"))
                .orElse(true);
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
