package io.countywatch.aggregator.db.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Deletes, when a test run ends, the data folders the embedded server was moved to for this build's test folders.
 * Run as root from a private folder (a clone made by {@code mktemp -d}), the server account cannot reach
 * {@code target/}, so each test's server keeps its data under /var/lib/aggregator/pg instead; the tests delete the
 * folders they configured, not these, and a day of runs left 52 of them, 2.8 GB. Only folders whose record names a
 * folder under this build's {@code target/} and whose server is not running are deleted; an operator's are never
 * touched; a record whose folder is gone is deleted too. Registered in META-INF/services for every test JVM.
 */
public final class RelocatedTestData implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        Path relocated = Folders.SHARED_ROOT.resolve("pg");
        if (!Files.isDirectory(relocated)) {
            return;
        }
        Path build = Path.of("target").toAbsolutePath().normalize();
        try (DirectoryStream<Path> records = Files.newDirectoryStream(relocated, "*.for")) {
            for (Path record : records) {
                Path configured =
                        Path.of(Files.readString(record, StandardCharsets.UTF_8).trim());
                Path folder =
                        record.resolveSibling(record.getFileName().toString().replaceFirst("\\.for$", ""));
                if (!Files.exists(folder)) {
                    Files.deleteIfExists(record); // the folder is gone (tests that delete their server's own data)
                } else if (configured.startsWith(build)
                        && RunningServer.find(configured).isEmpty()) {
                    Folders.deleteRecursively(folder);
                    Files.deleteIfExists(record);
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("could not delete the relocated test data in " + relocated + ": " + e);
        }
    }
}
