package io.countywatch.aggregator.poll;

import java.time.Duration;

/** How one poll of one source ended. A failure is an outcome of that source, never an exception. */
public sealed interface PollOutcome {
    String sourceId();

    /** The source answered and its items are stored. */
    /** @param merged stories already stored from another source: this source went into their {@code alsoAt} */
    record Succeeded(String sourceId, int found, int inserted, int updated, int merged) implements PollOutcome {
        /** With {@code edited} more items updated: their pages, read again ({@code recheck:}), had changed. */
        Succeeded withEdited(int edited) {
            return edited == 0 ? this : new Succeeded(sourceId, found, inserted, updated + edited, merged);
        }
    }

    /** The source answered 304: nothing was parsed. */
    record NotModified(String sourceId) implements PollOutcome {}

    /**
     * The fetch or the extraction failed; {@code retryAfter} is the server's wish, or null.
     *
     * @param failures failures in a row, this one included (0 when unknown)
     * @param dead the source has failed for so long that it is now tried only rarely
     * @param next when it will be tried again, or null when unknown
     */
    record Failed(
            String sourceId, String reason, Duration retryAfter, int failures, boolean dead, java.time.Instant next)
            implements PollOutcome {}

    /** Another instance (or a poll already running here) holds the source. */
    record Busy(String sourceId) implements PollOutcome {}
}
