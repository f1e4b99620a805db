package io.countywatch.aggregator.store.sources;

import java.time.Instant;

/**
 * A due source this instance now holds until the lease expires, with the validators of its last answer.
 *
 * @param politenessKey the registrable domain its politeness is leased by (see {@link HostLeases})
 * @param consecutiveFailures failures before this poll, for backoff
 * @param bodyHash SHA-256 of the last body parsed, or null
 * @param failingSince when the current run of failures began, or null
 * @param intervalSeconds the adaptive interval in use, or null for the configured one
 */
public record SourceLease(
        String sourceId,
        String politenessKey,
        String etag,
        String lastModified,
        int consecutiveFailures,
        String bodyHash,
        Instant failingSince,
        Integer intervalSeconds) {

    static SourceLease of(io.r2dbc.spi.Readable row) {
        java.time.OffsetDateTime failingSince = row.get("failing_since", java.time.OffsetDateTime.class);
        return new SourceLease(
                row.get("id", String.class),
                row.get("politeness_key", String.class),
                row.get("etag", String.class),
                row.get("last_modified", String.class),
                row.get("consecutive_failures", Integer.class),
                row.get("body_hash", String.class),
                failingSince == null ? null : failingSince.toInstant(),
                row.get("current_interval_seconds", Integer.class));
    }
}
