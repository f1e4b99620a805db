package io.countywatch.aggregator.stream;

import io.countywatch.aggregator.item.ItemView;
import java.util.Locale;

/**
 * The filters of one stream client, all optional and combined with AND: a source id (the item's own source or one
 * of its alsoAt places: a source's stream is what it lists), a tag (of any source listing the item: the item's
 * tags), and a keyword found in the title or summary (case-insensitive, like {@code /api/items}).
 */
record EventFilter(String sourceId, String tag, String keyword) {

    public EventFilter {
        sourceId = blankToNull(sourceId);
        tag = blankToNull(tag);
        keyword = blankToNull(keyword);
    }

    public boolean matches(ItemView item) {
        return (sourceId == null
                        || sourceId.equals(item.sourceId())
                        || item.alsoAt().stream().anyMatch(place -> sourceId.equals(place.sourceId())))
                && (tag == null || item.tags().contains(tag))
                && (keyword == null || contains(item.title(), keyword) || contains(item.summary(), keyword));
    }

    private static boolean contains(String text, String keyword) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(keyword.toLowerCase(Locale.ROOT));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
