package io.countywatch.aggregator.store.sources;

import java.util.List;

/**
 * A configured source as the database keeps it (the sources file stays the truth for everything else).
 *
 * @param politenessKey the registrable domain of its url, the unit of {@link HostLeases}
 */
public record SourceRow(
        String id,
        String name,
        String url,
        List<String> tags,
        String timezone,
        long intervalSeconds,
        String politenessKey) {
    public SourceRow {
        tags = List.copyOf(tags);
    }
}
