package io.countywatch.aggregator.publish;

/** Which items a feed covers: every source (both null), one tag, or one source. */
record FeedScope(String sourceId, String tag) {

    static final FeedScope ALL = new FeedScope(null, null);

    static FeedScope ofTag(String tag) {
        return new FeedScope(null, tag);
    }

    static FeedScope ofSource(String sourceId) {
        return new FeedScope(sourceId, null);
    }
}
