package io.countywatch.aggregator.fetch;

import java.net.URI;
import java.time.Duration;

/** What one GET ended with: a body, "not modified", or a failure that names its cause. */
public sealed interface FetchResult {

    /** A 2xx answer with its body. */
    record Fetched(
            URI url,
            int status,
            String contentType,
            String headerCharset,
            byte[] body,
            String etag,
            String lastModified)
            implements FetchResult {

        /** SHA-256 of the body, hex: an unchanged page is recognised even when the server sends no validators. */
        public String bodyHash() {
            try {
                return java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(body));
            } catch (java.security.NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    /** A 304 to a conditional GET. */
    record NotModified(URI url) implements FetchResult {}

    /**
     * Anything else: an HTTP error status, a timeout, a body over the limit, a refused connection.
     *
     * @param status the HTTP status, or 0 when no answer came
     * @param retryAfter the server's Retry-After, or null
     */
    record Failed(URI url, int status, String reason, Duration retryAfter) implements FetchResult {}
}
