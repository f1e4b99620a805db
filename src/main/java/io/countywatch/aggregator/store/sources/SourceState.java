package io.countywatch.aggregator.store.sources;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A source's polling state as {@code /api/sources} shows it. Its times carry the source's own zone (its
 * {@code timezone} setting), as the times of its items do.
 *
 * @param health what the last successful poll saw of its pages, or null before the first
 * @param dead failing for longer than the dead-after time, and so retried only rarely
 * @param lastStatus HTTP status of the last answer, 0 when none came, null before the first poll
 * @param failingSince when the current run of failures began, or null
 * @param intervalSeconds the adaptive interval in use, or null for the configured one
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
        ExtractionHealth health,
        boolean dead,
        Integer lastStatus,
        OffsetDateTime failingSince,
        Integer intervalSeconds,
        Integer lastDurationMs) {

    public SourceState {
        tags = List.copyOf(tags);
    }
}
