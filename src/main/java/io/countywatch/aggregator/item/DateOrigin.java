package io.countywatch.aggregator.item;

/** Where an item's published time came from; stored so readers can tell a real date from a guess. */
public enum DateOrigin {
    /** The feed entry or the list page gave the date. */
    SOURCE,
    /** The item's own page gave the date. */
    DETAIL,
    /** No date anywhere: the time the item was first seen. */
    FETCHED;

    public String dbValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
