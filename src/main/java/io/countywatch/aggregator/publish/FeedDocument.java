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
public record FeedDocument(
        String title,
        String description,
        String selfUrl,
        String homeUrl,
        String language,
        OffsetDateTime updated,
        List<ItemView> items,
        String nextUrl) {

    /** The {@code updated} of a feed with no items: fixed, so an empty feed keeps one ETag and Last-Modified. */
    public static final OffsetDateTime EMPTY_FEED_UPDATED = OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC);

    public FeedDocument {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(selfUrl, "selfUrl");
        Objects.requireNonNull(homeUrl, "homeUrl");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(updated, "updated");
        items = List.copyOf(items);
    }

    /** The newest {@code updatedAt} among the items, or {@link #EMPTY_FEED_UPDATED} when there are none. */
    public static OffsetDateTime newestUpdate(List<ItemView> items) {
        return items.stream()
                .map(ItemView::updatedAt)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .orElse(EMPTY_FEED_UPDATED);
    }
}
