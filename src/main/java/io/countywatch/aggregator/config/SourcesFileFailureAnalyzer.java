package io.countywatch.aggregator.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an invalid sources file at start-up into Spring Boot's short "APPLICATION FAILED TO START" report,
 * listing each error as {@code file:line key: message}, instead of a page of nested bean-creation traces.
 */
final class SourcesFileFailureAnalyzer extends AbstractFailureAnalyzer<SourcesFileException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SourcesFileException cause) {
        return new FailureAnalysis(
                "The sources file is invalid:\n\n" + cause.getMessage().indent(4),
                "Fix the lines above in the sources file (set by aggregator.sources, default config/sources.yml)"
                        + " and start again.",
                cause);
    }
}
