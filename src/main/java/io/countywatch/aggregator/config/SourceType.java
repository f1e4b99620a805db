package io.countywatch.aggregator.config;

/** How a source is read: an HTML list page (with selectors or found automatically), or an RSS/Atom feed. */
public enum SourceType {
    HTML,
    FEED
}
