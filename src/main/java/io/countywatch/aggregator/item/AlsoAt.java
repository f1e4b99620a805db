package io.countywatch.aggregator.item;

/** Another place (source and URL) where the same story was found. */
public record AlsoAt(String sourceId, String url) {}
