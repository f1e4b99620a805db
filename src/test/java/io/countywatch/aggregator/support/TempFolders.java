package io.countywatch.aggregator.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.util.FileSystemUtils;

/**
 * Temporary folders for what outlives a test method (a sources file read by a Spring context cached for the whole
 * run, a browser profile): created in the temp folder and deleted when the test JVM exits, so a build leaves nothing
 * behind. Inside a test method JUnit's {@code @TempDir} does the same.
 */
public final class TempFolders {

    private static final Set<Path> created = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TempFolders::deleteAll, "temp-folders-cleanup"));
    }

    private TempFolders() {}

    public static Path create(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        created.add(dir);
        return dir;
    }

    private static void deleteAll() {
        for (Path dir : created) {
            try {
                FileSystemUtils.deleteRecursively(dir);
            } catch (IOException | RuntimeException e) {
                System.err.println("could not delete " + dir + ": " + e);
            }
        }
    }
}
