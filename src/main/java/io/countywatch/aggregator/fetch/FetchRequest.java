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
 * @param limits the politeness this request (and its redirects and robots.txt) is held to, or null for the
 *     fetcher's own, from the application properties
 */
public record FetchRequest(
        URI url,
        String userAgent,
        Duration timeout,
        String etag,
        String lastModified,
        long maxBytes,
        boolean robots,
        HostLimits limits) {

    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
}
