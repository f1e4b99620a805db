package io.countywatch.aggregator.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A sources file with one feed source polled every second, for tests about the service rather than the source. */
public final class OneFeedSource {

    private OneFeedSource() {}

    /** Writes {@code dir/sources.yml} (creating {@code dir}) and returns its path. */
    public static Path write(Path dir, String id, String feedUrl) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("sources.yml");
        Files.writeString(file, """
                sources:
                  - id: %s
                    name: 云溪县人民政府
                    url: %s
                    type: feed
                    robots: false
                    interval: 1s
                    min-interval: 1s
                    max-interval: 1s
                """.formatted(id, feedUrl), StandardCharsets.UTF_8);
        return file;
    }
}
