package io.countywatch.aggregator.store.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log, so a failure message shows why PostgreSQL stopped without sending anyone to a file. */
final class LogTail {

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
            // Malformed bytes must not hide the rest of the log, so decode leniently.
            String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            return "last lines of " + log + ":\n" + lastLines(text, count);
        } catch (IOException e) {
            return "(could not read " + log + ": " + e.getMessage() + ")";
        }
    }
}
