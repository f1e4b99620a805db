package io.countywatch.aggregator.store.sources;

import java.time.Instant;

/**
 * What one finished poll writes into its source's row, besides the outcome-specific validators and counts.
 *
 * @param next when to poll again
 * @param intervalSeconds the adaptive interval now in use
 * @param status the HTTP status of the answer, 0 when none came
 * @param durationMillis how long the poll took
 */
public record PollRecord(Instant next, Integer intervalSeconds, int status, int durationMillis) {}
