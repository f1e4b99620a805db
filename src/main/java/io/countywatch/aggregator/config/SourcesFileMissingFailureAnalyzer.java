package io.countywatch.aggregator.config;

import java.nio.file.Path;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A missing sources file at start-up: says where the service looked (a relative default resolves against the
 * working folder, which is the usual surprise with {@code java -jar}) and the two ways to point it elsewhere.
 */
final class SourcesFileMissingFailureAnalyzer extends AbstractFailureAnalyzer<SourcesFileMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SourcesFileMissingException cause) {
        Path file = cause.file();
        return new FailureAnalysis(
                "No sources file at " + file + " (the working folder is "
                        + Path.of("").toAbsolutePath() + ").",
                "Point the service at your sources file with the environment variable AGGREGATOR_SOURCES=/path/to/"
                        + "sources.yml or the flag --aggregator.sources=/path/to/sources.yml, or create " + file
                        + " (the distribution ships an example in config/sources.yml).",
                cause);
    }
}
