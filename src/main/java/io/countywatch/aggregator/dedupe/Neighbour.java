package io.countywatch.aggregator.dedupe;

/**
 * A stored item the store loaded as a possible copy of a candidate: its row, one place where it was found and its
 * text print.
 *
 * @param seq the item's row (negative: an item the same batch inserts, see {@link Decision.Insert})
 * @param id the item's public id ("" for an item of the same batch)
 * @param place true when {@code sourceId}/{@code url} is one of the item's other places (its alsoAt), not its own
 * @param contentHash the hash of what the item's own source last gave ({@link Candidate#contentHash})
 * @param keys the item's lookup keys as stored (SimHash bands, lead key, article key), to tell a shared lead
 */
public record Neighbour(
        long seq,
        String id,
        String sourceId,
        String url,
        String guid,
        boolean place,
        TextPrint print,
        String contentHash,
        java.util.Set<Long> keys) {

    public Neighbour {
        keys = java.util.Set.copyOf(keys);
    }

    Neighbour asPlace(String placeSource, String placeUrl) {
        return new Neighbour(seq, id, placeSource, placeUrl, null, true, print, contentHash, keys);
    }
}
