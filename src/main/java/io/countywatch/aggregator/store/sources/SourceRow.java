package io.countywatch.aggregator.store.sources;

import java.util.List;

/** A configured source as the database keeps it (the sources file stays the truth for everything else). */
public record SourceRow(String id, String name, String url, List<String> tags, String timezone, long intervalSeconds) {
    public SourceRow {
        tags = List.copyOf(tags);
    }
}
