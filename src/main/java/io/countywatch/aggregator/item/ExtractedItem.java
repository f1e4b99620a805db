package io.countywatch.aggregator.item;

import java.time.OffsetDateTime;

/**
 * One item as an extractor found it, before it is stored.
 *
 * @param guid the feed's GUID or Atom id; null for HTML pages
 * @param url absolute URL of the item (canonicalized before storing)
 * @param summary plain text, at most ~300 characters
 * @param content sanitized HTML, or null
 * @param publishedAt null when neither the source nor the item's page gave a date
 * @param dateHasTime false for a date-only value (stored as midnight in the source's zone)
 */
public record ExtractedItem(
        String guid,
        String url,
        String title,
        String summary,
        String content,
        OffsetDateTime publishedAt,
        boolean dateHasTime) {

    public ExtractedItem withUrl(String newUrl) {
        return new ExtractedItem(guid, newUrl, title, summary, content, publishedAt, dateHasTime);
    }
}
