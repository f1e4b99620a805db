package io.countywatch.aggregator.publish;

/**
 * One representation of a rendered feed as sent: the bytes, their strong ETag and their content coding.
 *
 * @param contentEncoding {@code gzip}, or null for the bytes as rendered
 */
record FeedVariant(byte[] body, String etag, String contentEncoding) {

    @Override
    public String toString() {
        return "FeedVariant[" + body.length + " bytes, " + etag + ", "
                + (contentEncoding == null ? "identity" : contentEncoding) + "]";
    }
}
