package io.countywatch.aggregator.store.items;

/** Where an extracted item goes, as deduplication decided from its stored neighbours. */
public sealed interface Placement {

    /** A new item row. */
    record Insert() implements Placement {}

    /** The item's own row (same URL or GUID): updated in place if its title or text changed. */
    record Refresh(long seq) implements Placement {}

    /** Another place of item {@code seq}: recorded in its alsoAt, and the item's {@code updated_at} moves. */
    record AlsoAt(long seq) implements Placement {}
}
