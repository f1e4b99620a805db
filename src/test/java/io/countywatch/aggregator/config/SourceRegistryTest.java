package io.countywatch.aggregator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.config.ReloadResult.Applied;
import io.countywatch.aggregator.config.ReloadResult.Rejected;
import io.countywatch.aggregator.config.ReloadResult.Unchanged;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;

class SourceRegistryTest {

    private static final String A = source("xiaochang-gzdt", "http://www.xiaochang.gov.cn/xwzx/gzdt/");
    private static final String B = source("dawu-zwdt", "http://www.dawu.gov.cn/xwzx/zwdt/");
    private static final Duration WATCH = Duration.ofMillis(50);
    private static final Instant NOW = Instant.parse("2025-03-01T08:00:00Z");

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<SourcesConfig> emitted = new CopyOnWriteArrayList<>();
    private SourceRegistry registry;
    private Disposable subscription;

    @AfterEach
    void stopWatching() {
        if (subscription != null) {
            subscription.dispose();
        }
        if (registry != null) {
            registry.stop();
        }
    }

    @Test
    void loadsTheFileOnConstruction() throws IOException {
        SourceRegistry registry = new SourceRegistry(write(A).toString(), Duration.ofSeconds(2), clock);

        assertThat(ids(registry.current())).containsExactly("xiaochang-gzdt");
        assertThat(registry.current().file())
                .isEqualTo(dir.resolve("sources.yml").toAbsolutePath());
        assertThat(registry.appliedAt()).isEqualTo(NOW);
        assertThat(registry.lastRejection()).isEmpty();
    }

    @Test
    void refusesToStartWithAnInvalidFileListingEveryError() throws IOException {
        Path file = write(A + "    interval: soon\n    charset: gbkk\n");

        assertThatThrownBy(() -> new SourceRegistry(file.toString(), Duration.ofSeconds(2), clock))
                .isInstanceOf(SourcesFileException.class)
                .hasMessage("sources.yml:5 sources[0].interval: invalid duration \"soon\"; write 30s, 10m, 2h, 1d or"
                        + " ISO-8601 like PT15M\n"
                        + "sources.yml:6 sources[0].charset: unknown charset \"gbkk\"; use auto or a name such"
                        + " as gbk, gb18030, utf-8");
    }

    @Test
    void emitsTheNewConfigWhenASourceIsAddedToTheWatchedFile() throws IOException {
        watch(A);

        write(A + B);

        await().atMost(Duration.ofSeconds(5)).until(() -> !emitted.isEmpty());
        assertThat(ids(emitted.get(0))).containsExactly("xiaochang-gzdt", "dawu-zwdt");
        assertThat(registry.current()).isEqualTo(emitted.get(0));
    }

    @Test
    void watchesASourcesFolderForAddedAndRemovedFiles() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("sources.d"));
        Files.writeString(folder.resolve("xiaogan.yml"), "sources:\n" + A, StandardCharsets.UTF_8);
        registry = new SourceRegistry(folder.toString(), WATCH, clock);
        subscription = registry.watchChanges().subscribe(emitted::add);
        registry.start();

        Files.writeString(folder.resolve("wuhan.yml"), "sources:\n" + B, StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(5)).until(() -> emitted.size() == 1);
        Files.delete(folder.resolve("xiaogan.yml"));
        await().atMost(Duration.ofSeconds(5)).until(() -> emitted.size() == 2);

        assertThat(ids(emitted.get(0))).containsExactly("dawu-zwdt", "xiaochang-gzdt");
        assertThat(ids(emitted.get(1))).containsExactly("dawu-zwdt");
        assertThat(registry.current().file()).isEqualTo(folder.toAbsolutePath());
    }

    @Test
    void appliesAWatchedEditOnlyOnceTheFileHasSettled() throws IOException {
        SourceRegistry registry = new SourceRegistry(write(A).toString(), Duration.ofSeconds(2), clock);

        writeRaw(""); // caught half-way through a save: truncated, not yet written
        registry.check();
        write(A + B);
        registry.check();

        assertThat(registry.lastRejection()).isEmpty();
        assertThat(ids(registry.current())).containsExactly("xiaochang-gzdt");
        registry.check();
        assertThat(ids(registry.current())).containsExactly("xiaochang-gzdt", "dawu-zwdt");
        assertThat(registry.lastRejection()).isEmpty();
    }

    @Test
    void reportsAnAddedSource() throws IOException {
        SourceRegistry registry = new SourceRegistry(write(A).toString(), Duration.ofSeconds(2), clock);

        write(A + B);

        assertThat(registry.reload()).isInstanceOfSatisfying(Applied.class, applied -> {
            assertThat(applied.added()).containsExactly("dawu-zwdt");
            assertThat(applied.removed()).isEmpty();
            assertThat(applied.changed()).isEmpty();
        });
    }

    @Test
    void reportsRemovedAndChangedSources() throws IOException {
        SourceRegistry registry = new SourceRegistry(write(A + B).toString(), Duration.ofSeconds(2), clock);

        write(A + "    interval: 5m\n");

        assertThat(registry.reload()).isInstanceOfSatisfying(Applied.class, applied -> {
            assertThat(applied.added()).isEmpty();
            assertThat(applied.removed()).containsExactly("dawu-zwdt");
            assertThat(applied.changed()).containsExactly("xiaochang-gzdt");
        });
        assertThat(registry.current().find("dawu-zwdt")).isEmpty();
    }

    @Test
    void emitsTheNewConfigWhenASourceIsRemovedFromTheWatchedFile() throws IOException {
        watch(A + B);

        write(B);

        await().atMost(Duration.ofSeconds(5)).until(() -> !emitted.isEmpty());
        assertThat(ids(registry.current())).containsExactly("dawu-zwdt");
    }

    @Test
    void answersUnchangedWhenTheFileSaysTheSame() throws IOException {
        SourceRegistry registry = new SourceRegistry(write(A).toString(), Duration.ofSeconds(2), clock);

        writeRaw("# the same source, reformatted\nsources:\n\n" + A);

        assertThat(registry.reload()).isEqualTo(new Unchanged());
    }

    @Test
    void keepsTheRunningConfigAndRemembersWhyWhenAnEditIsInvalid() throws IOException {
        watch(A);

        write(A + B + "    list:\n      item: \"ul >\"\n      link: a\n      title: a\n");

        await().atMost(Duration.ofSeconds(5))
                .until(() -> registry.lastRejection().isPresent());
        assertThat(ids(registry.current())).containsExactly("xiaochang-gzdt");
        assertThat(emitted).isEmpty();
        assertThat(registry.lastRejection().orElseThrow().errors())
                .singleElement()
                .satisfies(error -> {
                    assertThat(error.file()).isEqualTo("sources.yml");
                    assertThat(error.line()).isEqualTo(9);
                    assertThat(error.key()).isEqualTo("sources[1].list.item");
                    assertThat(error.toString())
                            .startsWith("sources.yml:9 sources[1].list.item: invalid selector \"ul >\"");
                });
    }

    @Test
    void clearsTheRejectionOnTheNextValidEdit() throws IOException {
        watch(A);
        write(A + "    type: rss\n");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> registry.lastRejection().isPresent());

        write(A + B);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> registry.lastRejection().isEmpty());
        assertThat(ids(registry.current())).containsExactly("xiaochang-gzdt", "dawu-zwdt");
        assertThat(emitted).hasSize(1);
    }

    @Test
    void clearsTheRejectionWhenABadEditIsReverted() throws IOException {
        SourceRegistry registry = new SourceRegistry(write(A).toString(), Duration.ofSeconds(2), clock);
        writeRaw("sources: [");
        assertThat(registry.reload()).isInstanceOf(Rejected.class);

        write(A);

        assertThat(registry.reload()).isEqualTo(new Unchanged());
        assertThat(registry.lastRejection()).isEmpty();
    }

    @Test
    void noticesAnEditorThatSavesByRenamingANewFileOverTheOld() throws IOException {
        watch(A);
        Path replacement = Files.writeString(dir.resolve(".sources.yml.swp"), "sources:\n" + B, StandardCharsets.UTF_8);

        Files.move(
                replacement,
                dir.resolve("sources.yml"),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);

        await().atMost(Duration.ofSeconds(5)).until(() -> !emitted.isEmpty());
        assertThat(ids(registry.current())).containsExactly("dawu-zwdt");
    }

    @Test
    void stopsWatchingOnStop() throws IOException {
        watch(A);

        registry.stop();

        assertThat(registry.isRunning()).isFalse();
        write(A + B);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(emitted::isEmpty);
    }

    private void watch(String yaml) throws IOException {
        registry = new SourceRegistry(write(yaml).toString(), WATCH, clock);
        subscription = registry.watchChanges().subscribe(emitted::add);
        registry.start();
        assertThat(registry.isRunning()).isTrue();
    }

    /** Writes a sources file with these entries: line 1 is {@code sources:}, the entries start on line 2. */
    private Path write(String entries) throws IOException {
        return writeRaw("sources:\n" + entries);
    }

    private Path writeRaw(String yaml) throws IOException {
        return Files.writeString(dir.resolve("sources.yml"), yaml, StandardCharsets.UTF_8);
    }

    private static List<String> ids(SourcesConfig config) {
        return config.sources().stream().map(SourceDefinition::id).toList();
    }

    /** One entry of the sources list, three lines long. */
    private static String source(String id, String url) {
        return "  - id: " + id + "\n    url: " + url + "\n    type: html\n";
    }
}
