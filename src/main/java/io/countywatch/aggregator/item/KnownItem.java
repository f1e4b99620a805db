package io.countywatch.aggregator.item;

/**
 * A stored item that may be the same story as a new one: its row, where it was found and its text print.
 *
 * @param seq the item's row
 * @param id the item's public id
 * @param alsoAt true when {@code sourceId}/{@code url} is one of the item's other places, not its own
 */
public record KnownItem(
        long seq, String id, String sourceId, String url, String guid, boolean alsoAt, TextPrint print) {}
