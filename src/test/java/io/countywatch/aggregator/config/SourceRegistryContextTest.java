package io.countywatch.aggregator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/** The registry as Spring sees it: properties, lifecycle, and the start-up failure report. */
class SourceRegistryContextTest {

    @TempDir
    Path dir;

    @Test
    void takesItsFileAndWatchIntervalFromPropertiesAndWatchesWhileTheContextRuns() throws IOException {
        Path file = write("xiaochang-gzdt");
        SourceRegistry registry;
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            // What SpringApplication does, so "100ms" converts as it will in the application.
            context.getBeanFactory().setConversionService(ApplicationConversionService.getSharedInstance());
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "test",
                            Map.of(
                                    "aggregator.sources",
                                    file.toString(),
                                    "aggregator.sources-watch-interval",
                                    "100ms")));
            context.registerBean(Clock.class, Clock::systemUTC);
            context.register(SourceRegistry.class);
            context.refresh();
            registry = context.getBean(SourceRegistry.class);

            assertThat(registry.isRunning()).isTrue();
            write("dawu-zwdt");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> registry.current().find("dawu-zwdt").isPresent());
        }
        assertThat(registry.isRunning()).isFalse();
    }

    @Test
    void reportsAnInvalidFileAtStartUpAsAFailureAnalysis() {
        SourcesFileException failure = new SourcesFileException(List.of(
                new ConfigError("sources.yml", 14, "sources[2].list.item", "invalid selector \"ul >\""),
                new ConfigError("sources.yml", 20, "sources[3].url", "missing url")));

        // Other analyzers on the class path need constructor arguments Spring Boot supplies; skip those.
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(FailureAnalyzer.class, FailureHandler.handleMessage((message, failed) -> {}));

        assertThat(analyzers)
                .filteredOn(SourcesFileFailureAnalyzer.class::isInstance)
                .singleElement()
                .satisfies(analyzer -> assertThat(analyzer.analyze(new IllegalStateException("wrapped", failure))
                                .getDescription())
                        .contains("    sources.yml:14 sources[2].list.item: invalid selector \"ul >\"\n")
                        .contains("    sources.yml:20 sources[3].url: missing url"));
    }

    private Path write(String id) throws IOException {
        return Files.writeString(
                dir.resolve("sources.yml"),
                "sources:\n  - id: " + id + "\n    url: http://example.cn/" + id + "/\n    type: html\n",
                StandardCharsets.UTF_8);
    }
}
