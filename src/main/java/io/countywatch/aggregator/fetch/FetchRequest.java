package io.countywatch.aggregator.fetch;

import java.net.URI;
import java.time.Duration;

/**
 * One GET of a page or feed.
 *
 * @param etag validator of the previous answer, or null
 * @param lastModified validator of the previous answer, or null
 * @param maxBytes body limit, counted while streaming and after decompression
 * @param robots whether robots.txt is asked first (a source may opt out)
 */
public record FetchRequest(
        URI url, String userAgent, Duration timeout, String etag, String lastModified, long maxBytes, boolean robots) {

    /** A request that honours robots.txt. */
    public FetchRequest(URI url, String userAgent, Duration timeout, String etag, String lastModified, long maxBytes) {
        this(url, userAgent, timeout, etag, lastModified, maxBytes, true);
    }

    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

    public static FetchRequest of(URI url, String userAgent, Duration timeout) {
        return new FetchRequest(url, userAgent, timeout, null, null, DEFAULT_MAX_BYTES);
    }
}
