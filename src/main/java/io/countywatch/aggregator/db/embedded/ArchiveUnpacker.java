package io.countywatch.aggregator.db.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/** Unpacks a tar.xz into a folder, keeping file modes (the executables) and symbolic links (the shared libraries). */
final class ArchiveUnpacker {

    private ArchiveUnpacker() {}

    static void unpack(InputStream txz, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        // Folder modes are applied last so a read-only folder cannot block writing its own contents.
        Map<Path, Integer> folderModes = new LinkedHashMap<>();
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(txz, 1 << 16)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = inside(root, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    folderModes.put(path, entry.getMode());
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    inside(root, path.getParent().resolve(entry.getLinkName()).toString());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                } else {
                    throw new IOException("unexpected entry type in PostgreSQL archive: " + entry.getName());
                }
            }
        }
        for (Map.Entry<Path, Integer> folder : folderModes.entrySet()) {
            Files.setPosixFilePermissions(folder.getKey(), permissions(folder.getValue() | 0700));
        }
    }

    // Refuse entries and links such as ../../etc/passwd: the archive comes from a jar, but a jar is still input.
    private static Path inside(Path root, String name) throws IOException {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root)) {
            throw new IOException("archive entry escapes the target folder: " + name);
        }
        return path;
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = java.util.EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE, high bit first
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << (8 - i))) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }
}
