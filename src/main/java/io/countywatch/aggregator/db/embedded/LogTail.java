package io.countywatch.aggregator.db.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log, so a failure message shows why PostgreSQL stopped without sending anyone to a file. */
final class LogTail {

    private static final int TAIL_BYTES = 16 * 1024;

    private LogTail() {}

    static String lastLines(String text, int count) {
        List<String> lines = Arrays.asList(text.strip().split("\\R"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    static String lastLines(Path log, int count) {
        try {
            if (!Files.isRegularFile(log)) {
                return "(no log at " + log + ")";
            }
            return "last lines of " + log + ":\n" + lastLines(readEnd(log), count);
        } catch (IOException e) {
            return "(could not read " + log + ": " + e.getMessage() + ")";
        }
    }

    // The server log is appended to across restarts, so read only its end.
    private static String readEnd(Path log) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(log)) {
            long start = Math.max(0, channel.size() - TAIL_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate((int) (channel.size() - start));
            channel.position(start);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // keep reading until the buffer is full or the file ends
            }
            // new String(...) replaces malformed bytes (such as a character cut at the start) instead of failing.
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        }
    }
}
