package io.countywatch.aggregator.publish;

/** Writes a {@link FeedDocument} as UTF-8 bytes in one of the {@link FeedFormat}s; stateless and thread-safe. */
final class FeedWriter {

    private final RssWriter rss = new RssWriter();
    private final AtomWriter atom = new AtomWriter();
    private final JsonFeedWriter json = new JsonFeedWriter();

    public byte[] write(FeedDocument doc, FeedFormat format) {
        // Scrubbed once here so no writer can forget it: JDOM throws on characters XML 1.0 forbids.
        FeedDocument clean = DocumentScrubber.scrub(doc);
        return switch (format) {
            case RSS -> rss.write(clean);
            case ATOM -> atom.write(clean);
            case JSON -> json.write(clean);
        };
    }
}
