package io.countywatch.aggregator.web.api;

import io.countywatch.aggregator.store.sources.SourceState;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code GET /api/sources}: every source with its state (with {@code since}: those changed after it), the sources
 * file's own state, and {@code version}, the change number to ask {@code since} next time.
 */
public record SourcesPage(List<SourceJson> sources, ConfigJson config, long version) {

    /** {@code problems} says in words why a source is not "ok": "0 items", "no dates", "2 detail pages failed". */
    public record SourceJson(String id, String type, String status, List<String> problems, StateJson state) {}

    /** The running sources file, and whether the last change to it was rejected (with the errors). */
    public record ConfigJson(String file, boolean stale, List<String> errors) {}

    /** A source's polling state, its times in the source's own zone. */
    public record StateJson(
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
            HealthJson health,
            boolean dead,
            Integer lastStatus,
            OffsetDateTime failingSince,
            Integer intervalSeconds,
            Integer lastDurationMs) {

        public static StateJson of(SourceState s) {
            return new StateJson(
                    s.id(),
                    s.name(),
                    s.url(),
                    s.tags(),
                    s.active(),
                    s.lastPollAt(),
                    s.lastSuccessAt(),
                    s.lastError(),
                    s.lastErrorAt(),
                    s.consecutiveFailures(),
                    s.nextPollAt(),
                    s.lastItemsFound(),
                    s.lastItemsNew(),
                    s.itemCount(),
                    HealthJson.of(s.health()),
                    s.dead(),
                    s.lastStatus(),
                    s.failingSince(),
                    s.intervalSeconds(),
                    s.lastDurationMs());
        }
    }
}
