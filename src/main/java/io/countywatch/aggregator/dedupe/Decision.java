package io.countywatch.aggregator.dedupe;

/**
 * What to do with one candidate, as {@link DedupePlanner} decided it from the stored neighbours. {@code ref} names
 * the item: a stored row, or (negative) the insert slot {@code -(ref + 1)} of an item the same batch inserts.
 */
public sealed interface Decision {

    /** Why a candidate is a stored story. */
    enum Reason {
        /** The same canonical URL (in any source, or a place already in the item's alsoAt). */
        URL,
        /** The same GUID in the same source. */
        GUID,
        /** The same site's article id (a second address of one article) with a related title. */
        ALIAS,
        /** The same normalized body. */
        FINGERPRINT,
        /** A body within a small SimHash distance. */
        NEAR_DUPLICATE,
        /** A summary-only copy: the same lead, related titles, one body shorter. */
        SUMMARY,
        /** A title-only item: the same long normalized title on the same day, from another source. */
        TITLE_AND_DATE
    }

    /**
     * Which of the candidate's fields replace the stored item's.
     *
     * @param title the candidate's title (a correction, or a full title for a cut or decorated one)
     * @param text the candidate's summary, content and body print (a changed text, or a fuller body)
     * @param owner true when the candidate is the item's own source: its content hash is recorded
     */
    record Take(boolean title, boolean text, boolean owner) {
        public static final Take NOTHING = new Take(false, false, false);

        public boolean any() {
            return title || text;
        }
    }

    /** A story not stored yet: a new row in insert slot {@code slot} of the batch. */
    record Insert(int slot) implements Decision {}

    /** The item's own place (or a known other place) with a changed or fuller title or text: updated in place. */
    record Update(long ref, Reason reason, Take take) implements Decision {}

    /** The story of item {@code ref} at a new place: recorded in its alsoAt, and fields it adds taken. */
    record Merge(long ref, Reason reason, int distance, Take take) implements Decision {}

    /** Item {@code ref} already says all the candidate says. */
    record Unchanged(long ref, Reason reason, int distance) implements Decision {}
}
