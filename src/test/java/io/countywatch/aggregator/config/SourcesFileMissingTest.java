package io.countywatch.aggregator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/** A missing sources file stops the start with where the service looked and how to point it elsewhere. */
class SourcesFileMissingTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileIsReportedAsMissingWithThePathLookedAtAndTheSettingsToUse() {
        Path missing = dir.resolve("config/sources.yml");

        Throwable failure =
                catchThrowable(() -> new SourceRegistry(missing.toString(), Duration.ofSeconds(2), Clock.systemUTC()));
        FailureAnalysis analysis = firstAnalysis(new IllegalStateException("bean creation failed", failure));

        assertThat(analysis.getDescription()).contains("No sources file at " + missing.toAbsolutePath());
        assertThat(analysis.getAction())
                .contains("AGGREGATOR_SOURCES=", "--aggregator.sources=")
                .doesNotContain("Fix the lines above");
    }

    // What Spring Boot does at a failed start: the analyzers in order, the first with an answer reports.
    private static FailureAnalysis firstAnalysis(Throwable failure) {
        // Other analyzers on the class path need constructor arguments Spring Boot supplies; skip those.
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(FailureAnalyzer.class, FailureHandler.handleMessage((message, failed) -> {}));
        return analyzers.stream()
                .map(analyzer -> analyzer.analyze(failure))
                .filter(Objects::nonNull)
                .findFirst()
                .orElseThrow();
    }
}
