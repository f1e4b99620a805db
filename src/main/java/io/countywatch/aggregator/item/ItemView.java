package io.countywatch.aggregator.item;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One stored item as readers see it: the item JSON of the contract, and the input of every feed writer.
 * Dates carry the offset of the source's time zone.
 *
 * @param dateOrigin where {@code publishedAt} came from: {@code source} (the feed or list page), {@code detail} (the
 *     item's own page) or {@code fetched} (no date anywhere: the time it was first seen); null when unknown
 */
public record ItemView(
        String id,
        String title,
        String url,
        String sourceId,
        String sourceName,
        OffsetDateTime publishedAt,
        OffsetDateTime fetchedAt,
        OffsetDateTime updatedAt,
        String summary,
        String content,
        List<String> tags,
        List<AlsoAt> alsoAt,
        String dateOrigin) {

    public ItemView {
        tags = List.copyOf(tags);
        alsoAt = List.copyOf(alsoAt);
    }
}
