package io.countywatch.aggregator.store;

/**
 * A due source this instance now holds until the lease expires, with the validators of its last answer.
 *
 * @param consecutiveFailures failures before this poll, for backoff
 */
public record SourceLease(String sourceId, String etag, String lastModified, int consecutiveFailures) {}
