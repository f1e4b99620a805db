package io.countywatch.aggregator.publish;

import io.countywatch.aggregator.item.ItemView;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Everything one feed response says, independent of its format. {@code selfUrl} is the exact URL the
 * reader asked for (query included); {@code nextUrl} is null on the last page.
 */
record FeedDocument(
        String title,
        String description,
        String selfUrl,
        String homeUrl,
        String language,
        OffsetDateTime updated,
        List<ItemView> items,
        String nextUrl) {

    public FeedDocument {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(selfUrl, "selfUrl");
        Objects.requireNonNull(homeUrl, "homeUrl");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(updated, "updated");
        items = List.copyOf(items);
    }

    /**
     * The newest {@code updatedAt} among the items, in its own offset; {@code whenEmpty} for a feed with no items
     * (the service passes the time its running sources file was applied: the last change of what any feed covers,
     * and fixed until then, so an empty feed keeps one ETag and Last-Modified).
     */
    public static OffsetDateTime newestUpdate(List<ItemView> items, Instant whenEmpty) {
        return items.stream()
                .map(ItemView::updatedAt)
                .filter(Objects::nonNull)
                .max(Comparator.comparing(OffsetDateTime::toInstant))
                .orElseGet(() -> OffsetDateTime.ofInstant(whenEmpty, ZoneOffset.UTC));
    }
}
