package io.countywatch.aggregator.dedupe;

import java.util.List;

/**
 * What deduplication remembers of an item's text: hashes of the normalized title and body, a SimHash of the body
 * with its LSH band keys, and the period tokens (years, months, issue numbers) that tell periodic reports apart.
 *
 * @param fingerprint exact hash of the normalized body, or of the normalized title when the body is too short
 * @param titleKey hash of the normalized title without site prefixes and suffixes
 * @param simhash 64-bit SimHash of the normalized body (0 when the body is too short)
 * @param bandKeys LSH keys of the SimHash; empty when the body is too short to compare
 * @param bodyLength characters of the normalized body
 * @param titleLength characters of the normalized title
 * @param day publication day as yyyymmdd in the item's own offset, or null when the item had no date
 * @param titlePeriods period tokens of the title in text order, space separated, after a {@code #} mark (rows
 *     stored before the mark existed hold a sorted set without it)
 * @param bodyPeriods period tokens of the body, in the same form
 * @param title the item's title as found (null when unknown), to tell two stories with the same body apart
 * @param leads hashes of the body's first 40, 80, 160 and 320 normalized characters, as many as the body has (none
 *     when it is shorter than {@value #LEAD}): a summary-only copy (a feed's first paragraph, or its first 300
 *     characters) has all its leads in common with the full article
 */
public record TextPrint(
        long fingerprint,
        long titleKey,
        long simhash,
        List<Long> bandKeys,
        int bodyLength,
        int titleLength,
        Integer day,
        String titlePeriods,
        String bodyPeriods,
        String title,
        List<Long> leads) {

    /** Characters of normalized body the first lead covers; each next lead covers twice as many. */
    public static final int LEAD = 40;

    /** How many leads a print has at most. */
    public static final int LEADS = 4;

    /** The first lead, the lookup key of summary-only copies; 0 when the body is too short. */
    public long leadKey() {
        return leads.isEmpty() ? 0L : leads.get(0);
    }

    /**
     * The largest SimHash distance at which two long bodies can still be one story (with equal titles; the
     * deduplicator's rule). Band keys exist only for long bodies, so a stored item found through a shared band key
     * alone and farther than this can never be a match: the neighbour lookup leaves such items out.
     */
    public static final int MAX_NEAR_DISTANCE = 10;

    public TextPrint {
        bandKeys = List.copyOf(bandKeys);
        leads = leads == null ? List.of() : List.copyOf(leads);
    }
}
