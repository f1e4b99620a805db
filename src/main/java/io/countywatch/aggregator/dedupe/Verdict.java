package io.countywatch.aggregator.dedupe;

/** What deduplication decides for one extracted item. */
public sealed interface Verdict {

    /** Why an item is the same story as a stored one. */
    enum Reason {
        /** The same canonical URL in the same source (or a place already in the item's alsoAt). */
        URL,
        /** The same GUID in the same source. */
        GUID,
        /** The same normalized body. */
        FINGERPRINT,
        /** A body within a small SimHash distance. */
        NEAR_DUPLICATE,
        /** A title-only item: the same long normalized title on the same day, from another source. */
        TITLE_AND_DATE
    }

    /** A story not stored yet. */
    record New() implements Verdict {}

    /** The story of item {@code itemSeq}; {@code distance} is the SimHash distance (0 unless NEAR_DUPLICATE). */
    record SameAs(long itemSeq, String itemId, Reason reason, int distance) implements Verdict {}

    /** Item {@code itemSeq} at the same URL or GUID, with a changed title or text. */
    record UpdateOf(long itemSeq, String itemId) implements Verdict {}
}
