package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.poll.SourceExtraction.Extraction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The preview of a process without a database (the CLI when no service runs): what a poll would extract, every
 * item taken as new (so every detail page is read), and no dedupe decisions, which a warning says.
 */
@Component
public class StorelessPreview {

    static final String NO_DECISIONS =
            "no database: dedupe decisions are skipped and every item is shown as new (start the service, or set"
                    + " AGGREGATOR_DB_URL, to see what it already has)";

    private final SourceExtraction extraction;
    private final DetailEnrichment enrichment;
    private final Clock clock;

    StorelessPreview(SourceExtraction extraction, DetailEnrichment enrichment, Clock clock) {
        this.extraction = extraction;
        this.enrichment = enrichment;
        this.clock = clock;
    }

    /** What polling the source now would extract, with no stored items to compare against. */
    public Mono<Preview> preview(SourceDefinition source) {
        return extraction.extract(source, null, null).flatMap(result -> {
            if (result instanceof Extraction.Items found) {
                return enrichment
                        .enrich(source, found.items(), found.notes(), clock.instant(), Mono.just(Map.of()))
                        .map(enriched -> withWarning(Preview.of(source, found.notes(), enriched, List.of())));
            }
            String error = result instanceof Extraction.Failed failed ? failed.reason() : "not modified";
            return Mono.just(withWarning(Preview.failed(source.id(), error)));
        });
    }

    private static Preview withWarning(Preview preview) {
        List<String> warnings = new ArrayList<>(preview.warnings());
        warnings.add(NO_DECISIONS);
        return new Preview(
                preview.sourceId(),
                preview.items(),
                preview.inferredSelectors(),
                preview.health(),
                warnings,
                preview.error(),
                preview.decisions());
    }
}
