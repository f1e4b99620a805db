package io.countywatch.aggregator.store.items;

/** What storing one extracted item did. {@code seq} is the item's row; {@code eventId} later feeds SSE. */
public sealed interface StoreOutcome {
    long seq();

    /** A new item. */
    record Inserted(long seq) implements StoreOutcome {}

    /** The same item with a changed title or text, updated in place. */
    record Updated(long seq, int revision) implements StoreOutcome {}

    /** The same story found at another place (source and URL): added to the item's alsoAt. */
    record Merged(long seq) implements StoreOutcome {}

    /** The same item, nothing changed. */
    record Unchanged(long seq) implements StoreOutcome {}
}
