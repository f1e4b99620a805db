package io.countywatch.aggregator.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the watcher compares between two looks at the sources file (or folder). The content hash is what makes it
 * reliable: editors that save by writing a new file and renaming it over the old one, or a quick second
 * save within the file system's timestamp resolution, can leave time and size unchanged. Only a regular file within
 * the size limit is hashed: reading {@code /dev/zero} or a FIFO would never end.
 *
 * @param modified {@code null} when the file could not be read
 * @param sha256 hex digest of the content, or the reason it could not be read
 */
record FileStamp(FileTime modified, long size, String sha256) {

    static FileStamp of(Path file) {
        if (Files.isDirectory(file)) {
            return ofFolder(file);
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            byte[] content = BoundedFile.read(file, SourcesFileLimits.MAX_FILE_BYTES);
            return new FileStamp(
                    attributes.lastModifiedTime(),
                    content.length,
                    HexFormat.of().formatHex(sha256(content)));
        } catch (BoundedFile.Refused e) {
            // Not hashable; its metadata still tells a change into or out of this state.
            return new FileStamp(null, -2, e.getMessage());
        } catch (IOException e) {
            // An unreadable or missing file is a state of its own; a change into or out of it triggers a reload.
            return new FileStamp(null, -1, e.getClass().getSimpleName());
        }
    }

    /**
     * A sources folder's stamp: its files' names and stamps together, so adding, removing, renaming or editing a file
     * is a change.
     */
    private static FileStamp ofFolder(Path folder) {
        try {
            FileTime latest = FileTime.fromMillis(0);
            long size = 0;
            StringBuilder files = new StringBuilder();
            for (Path file : SourcesFolder.files(folder)) {
                FileStamp stamp = of(file);
                if (stamp.modified() != null && stamp.modified().compareTo(latest) > 0) {
                    latest = stamp.modified();
                }
                size += Math.max(0, stamp.size());
                files.append(file.getFileName())
                        .append('\0')
                        .append(stamp.sha256())
                        .append('\n');
            }
            byte[] listing = files.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return new FileStamp(latest, size, HexFormat.of().formatHex(sha256(listing)));
        } catch (IOException e) {
            return new FileStamp(null, -1, e.getClass().getSimpleName());
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
