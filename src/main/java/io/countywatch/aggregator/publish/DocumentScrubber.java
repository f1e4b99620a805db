package io.countywatch.aggregator.publish;

import io.countywatch.aggregator.item.AlsoAt;
import io.countywatch.aggregator.item.ItemView;

/**
 * Makes a document safe for every writer: drops the characters XML 1.0 forbids from every string and fills
 * missing item dates. Scraped county pages do carry stray control characters (copied from Word, or GBK
 * mis-decoded), and one of them would make JDOM reject the whole feed.
 */
final class DocumentScrubber {

    private DocumentScrubber() {}

    static FeedDocument scrub(FeedDocument doc) {
        return new FeedDocument(
                text(doc.title()),
                text(doc.description()),
                text(doc.selfUrl()),
                text(doc.homeUrl()),
                text(doc.language()),
                doc.updated(),
                doc.items().stream().map(DocumentScrubber::scrub).toList(),
                text(doc.nextUrl()));
    }

    static ItemView scrub(ItemView item) {
        // Atom requires an updated date on every entry; the store should always set both, but a feed
        // must not fail over one item that lacks them.
        var published = item.publishedAt() != null ? item.publishedAt() : item.fetchedAt();
        var updated = item.updatedAt() != null ? item.updatedAt() : published;
        return new ItemView(
                text(item.id()),
                text(item.title()),
                text(item.url()),
                text(item.sourceId()),
                text(item.sourceName()),
                published,
                item.fetchedAt(),
                updated,
                text(item.summary()),
                text(item.content()),
                item.tags().stream().map(DocumentScrubber::text).toList(),
                item.alsoAt().stream()
                        .map(a -> new AlsoAt(text(a.sourceId()), text(a.url())))
                        .toList(),
                item.dateOrigin());
    }

    /** The string without the code points XML 1.0 forbids (including unpaired surrogates); null stays null. */
    static String text(String s) {
        if (s == null || s.codePoints().allMatch(DocumentScrubber::allowed)) {
            return s;
        }
        return s.codePoints()
                .filter(DocumentScrubber::allowed)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    // XML 1.0 production [2] Char. String.codePoints() reports an unpaired surrogate as its own
    // code point in D800–DFFF, which this range check rejects.
    private static boolean allowed(int cp) {
        return cp == 0x9
                || cp == 0xA
                || cp == 0xD
                || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }
}
