package io.countywatch.aggregator.store.items;

import java.time.Instant;

/**
 * What a client that stopped at some event id has missed, so the stream can decide between replaying and
 * telling it to reload.
 *
 * @param missed how many events came after its id
 * @param oldestMissed when the first of them was written, or null when none
 * @param firstId the oldest id still in the log, or null when the log is empty
 * @param headId the newest id in the log, or 0 when the log is empty
 */
public record ReplayGap(long missed, Instant oldestMissed, Long firstId, long headId) {}
