package io.countywatch.aggregator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.config.ReloadResult.Rejected;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;

/**
 * The drill of issue 18 through the running watcher and the reload the API calls: each hostile file is rejected with
 * a message naming file and line while the running config stays, and the watcher still applies the valid edit after.
 */
class SourceRegistryHostileFilesTest {

    private static final String A =
            "  - id: xiaochang-gzdt\n    url: http://www.xiaochang.gov.cn/xwzx/gzdt/\n" + "    type: html\n";
    private static final String B = "  - id: dawu-zwdt\n    url: http://www.dawu.gov.cn/xwzx/zwdt/\n    type: html\n";

    @TempDir
    Path dir;

    private final List<SourcesConfig> emitted = new CopyOnWriteArrayList<>();
    private SourceRegistry registry;
    private Disposable subscription;

    @AfterEach
    void stopWatching() {
        subscription.dispose();
        registry.stop();
    }

    @Test
    void survivesEveryHostileFileAndAppliesTheNextValidEdit() throws IOException {
        Path file = write("sources:\n" + A);
        registry = new SourceRegistry(file.toString(), Duration.ofMillis(50), Clock.systemUTC());
        subscription = registry.watchChanges().subscribe(emitted::add);
        registry.start();

        // 5,000 nested groups: a StackOverflowError in RE2/J's Simplify before the limits
        rejectsLongLine("    include: [\"" + "(".repeat(5_000) + "a" + ")".repeat(5_000) + "\"]");
        // the same depth folded over short lines, past the line check
        rejects(
                "sources:\n" + A + "    include:\n      - >\n" + ("        " + "(".repeat(50) + "\n").repeat(100)
                        + "        a" + ")".repeat(5_000) + "\n",
                "sources.yml:6 sources[0].include[0]: value is 10102 characters long; values are limited to 4096");
        rejects(
                "sources:\n" + A + "    include: [\"" + "(".repeat(101) + "a" + ")".repeat(101) + "\"]\n",
                "groups nest more than 100 deep");
        // a StackOverflowError in jsoup's evaluator before the limits
        rejectsLongLine("    next: \"" + "div ".repeat(20_000) + "a\"");
        rejects("sources:\n" + A + "    next: \"" + "div ".repeat(33) + "a\"\n", "more than 32 combinators");
        // 15-22 s and 29-36 CPU-s before the limits
        rejectsLongLine("    name: " + "x".repeat(20 * 1024 * 1024));
        rejects("sources:\n" + A + "    include: [\"(?<=x)y\"]\n", "lookbehind is not supported (RE2 syntax)");
        // an OutOfMemoryError reading it, in the watcher's thread and in the reload's, before the limits
        Files.delete(file);
        Files.createSymbolicLink(file, Path.of("/dev/zero"));
        awaitRejection("sources.yml: " + file + " is not a regular file (a device, pipe or socket); the sources file"
                + " must be a plain file");

        Files.delete(file);
        write("sources:\n" + A + B);

        await().atMost(Duration.ofSeconds(10)).until(() -> !emitted.isEmpty());
        assertThat(registry.current().sources())
                .extracting(SourceDefinition::id)
                .containsExactly("xiaochang-gzdt", "dawu-zwdt");
        assertThat(registry.lastRejection()).isEmpty();
    }

    private void rejectsLongLine(String line) throws IOException {
        rejects(
                "sources:\n" + A + line + "\n",
                "sources.yml:5: line is " + line.length() + " characters long; lines are limited to 8192 and values"
                        + " to 4096");
    }

    /** Writes {@code yaml}, waits for the watcher to reject it, and checks that a reload rejects it the same way. */
    private void rejects(String yaml, String expected) throws IOException {
        write(yaml);
        awaitRejection(expected);
    }

    private void awaitRejection(String expected) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> registry.lastRejection()
                        .map(rejection -> rejection.toString().contains(expected))
                        .orElse(false));
        assertThat(registry.reload())
                .isInstanceOfSatisfying(
                        Rejected.class,
                        rejected -> assertThat(rejected.errors().toString()).contains(expected));
        assertThat(registry.current().sources())
                .extracting(SourceDefinition::id)
                .containsExactly("xiaochang-gzdt");
        assertThat(emitted).isEmpty();
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("sources.yml"), yaml, StandardCharsets.UTF_8);
    }
}
