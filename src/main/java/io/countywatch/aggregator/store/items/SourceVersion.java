package io.countywatch.aggregator.store.items;

import java.util.List;

/**
 * A source's feed version: a number that grows whenever one of its items is stored or updated, or its name,
 * tags or time zone change (see migration V4). Versions come from one sequence, so they are comparable across
 * sources.
 */
public record SourceVersion(String sourceId, List<String> tags, long version) {

    public SourceVersion {
        tags = List.copyOf(tags);
    }
}
