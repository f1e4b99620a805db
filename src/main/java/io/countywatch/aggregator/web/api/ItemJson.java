package io.countywatch.aggregator.web.api;

import io.countywatch.aggregator.item.ItemView;
import java.time.OffsetDateTime;
import java.util.List;

/** One item in {@code /api/items}: the item JSON of the contract ({@code fixtures/json/item.json}). */
public record ItemJson(
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
        List<AlsoAtJson> alsoAt,
        String dateOrigin) {

    /** Another source's copy of the same story. */
    public record AlsoAtJson(String sourceId, String url) {}

    public static ItemJson of(ItemView item) {
        return new ItemJson(
                item.id(),
                item.title(),
                item.url(),
                item.sourceId(),
                item.sourceName(),
                item.publishedAt(),
                item.fetchedAt(),
                item.updatedAt(),
                item.summary(),
                item.content(),
                item.tags(),
                item.alsoAt().stream()
                        .map(a -> new AlsoAtJson(a.sourceId(), a.url()))
                        .toList(),
                item.dateOrigin());
    }
}
