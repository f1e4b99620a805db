package io.countywatch.aggregator.store;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A source's polling state as {@code /api/sources} shows it.
 *
 * @param health what the last successful poll saw of its pages, or null before the first
 */
public record SourceState(
        String id,
        String name,
        String url,
        List<String> tags,
        boolean active,
        OffsetDateTime lastPollAt,
        OffsetDateTime lastSuccessAt,
        String lastError,
        OffsetDateTime lastErrorAt,
        int consecutiveFailures,
        OffsetDateTime nextPollAt,
        Integer lastItemsFound,
        Integer lastItemsNew,
        long itemCount,
        ExtractionHealth health) {

    public SourceState {
        tags = List.copyOf(tags);
    }
}
