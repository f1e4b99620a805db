package io.countywatch.aggregator.db.embedded;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;

/** Folder chores the launcher needs: the machine-wide home used when running as root, creating and deleting trees. */
final class Folders {

    /** Where root keeps binaries and fallback data directories, readable by the unprivileged server account. */
    static final Path SHARED_ROOT = Path.of("/var/lib/aggregator");

    private Folders() {}

    /**
     * Creates {@code dir} and any missing parents with mode 755, regardless of umask, so another account can
     * traverse them. Folders that already exist are left exactly as they are.
     */
    static void createTraversable(Path dir) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
            missing.push(p);
        }
        while (!missing.isEmpty()) {
            Path p = missing.pop();
            try {
                Files.createDirectory(p);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                continue; // a concurrent start made it; it is theirs to shape
            }
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // walkFileTree does not follow symbolic links, so a link to elsewhere is removed, never its target.
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
