package io.countywatch.aggregator.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a file only when it is a regular file of at most a given size, so a sources path pointing at {@code /dev/zero},
 * a FIFO or a huge file is refused at once instead of filling the heap or blocking the reader forever.
 */
final class BoundedFile {

    private BoundedFile() {}

    /** The refusal, with a message for the admin. */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    static byte[] read(Path file, int maxBytes) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new Refused(file.toAbsolutePath() + " is not a regular file ("
                    + (attributes.isDirectory() ? "a directory" : "a device, pipe or socket")
                    + "); the sources file must be a plain file");
        }
        if (attributes.size() > maxBytes) {
            throw new Refused(tooLarge(file, attributes.size(), maxBytes));
        }
        // Read at most one byte past the cap: the file may have grown since its size was read.
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new Refused(tooLarge(file, bytes.length, maxBytes));
            }
            return bytes;
        }
    }

    private static String tooLarge(Path file, long size, int maxBytes) {
        return file.toAbsolutePath() + " is " + size + " bytes, over the " + maxBytes / (1024 * 1024)
                + " MB limit for a sources file";
    }
}
