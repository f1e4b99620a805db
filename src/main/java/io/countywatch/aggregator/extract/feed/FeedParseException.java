package io.countywatch.aggregator.extract.feed;

/** The document is not a well-formed, safe RSS or Atom feed; the message says why. */
class FeedParseException extends RuntimeException {
    public FeedParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
