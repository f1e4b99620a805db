package io.countywatch.aggregator.store.sources;

import java.time.Instant;

/**
 * A due source this instance now holds until the lease expires, with the validators of its last answer.
 *
 * @param consecutiveFailures failures before this poll, for backoff
 * @param bodyHash SHA-256 of the last body parsed, or null
 * @param failingSince when the current run of failures began, or null
 * @param intervalSeconds the adaptive interval in use, or null for the configured one
 */
public record SourceLease(
        String sourceId,
        String etag,
        String lastModified,
        int consecutiveFailures,
        String bodyHash,
        Instant failingSince,
        Integer intervalSeconds) {

    public SourceLease(String sourceId, String etag, String lastModified, int consecutiveFailures) {
        this(sourceId, etag, lastModified, consecutiveFailures, null, null, null);
    }
}
