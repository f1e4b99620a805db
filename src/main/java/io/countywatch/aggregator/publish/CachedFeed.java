package io.countywatch.aggregator.publish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.zip.GZIPOutputStream;

/**
 * A rendered feed as the cache keeps it and {@link ConditionalGet} sends it: its scope (whose version tells whether
 * it is current), the bytes with their strong ETag, a gzip copy with its own strong ETag, and the header values,
 * all computed once per rendering so that a cache hit or a 304 does no per-request work beyond a lookup.
 */
final class CachedFeed {

    private final FeedScope scope;
    private final RenderedFeed rendered;
    private final FeedVariant identity;
    private final Instant lastModified;
    private final String lastModifiedHeader;
    // Made on the first request that accepts gzip, not at render time: many cached pages (cursors, keywords) are
    // never asked for it, and the cold render stays as fast as before. Two racing requests may both compress;
    // the results are equal, so either may win.
    private volatile FeedVariant gzip;

    CachedFeed(FeedScope scope, RenderedFeed rendered) {
        this.scope = scope;
        this.rendered = rendered;
        this.identity = new FeedVariant(rendered.body(), rendered.etag(), null);
        // HTTP dates have whole seconds; a sub-second Last-Modified would never equal the If-Modified-Since echoed.
        this.lastModified = rendered.lastModified().truncatedTo(ChronoUnit.SECONDS);
        this.lastModifiedHeader = ConditionalGet.httpDate(lastModified);
    }

    FeedScope scope() {
        return scope;
    }

    /** The scope's version token it was rendered at, or null when versions were unknown (then never cached). */
    String version() {
        return rendered.version();
    }

    String contentType() {
        return rendered.contentType();
    }

    Instant lastModified() {
        return lastModified;
    }

    String lastModifiedHeader() {
        return lastModifiedHeader;
    }

    FeedVariant identity() {
        return identity;
    }

    /** The gzip variant, or the identity one for a feed that gzip does not make smaller. */
    FeedVariant gzip() {
        FeedVariant made = gzip;
        if (made == null) {
            byte[] compressed = compress(identity.body());
            // A distinct strong ETag: the gzip bytes are another representation, and a cache holding both must not
            // answer a gzip revalidation with identity bytes or the reverse.
            made = compressed.length < identity.body().length
                    ? new FeedVariant(compressed, RenderedFeed.strongEtag(compressed), "gzip")
                    : identity;
            gzip = made;
        }
        return made;
    }

    /** Bytes this entry holds, for the cache's budget (the gzip copy, when made, adds a fraction of it). */
    int size() {
        return identity.body().length;
    }

    private static byte[] compress(byte[] body) {
        var out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (var gzip = new GZIPOutputStream(out, 8192)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory cannot fail", e);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "CachedFeed[" + scope + ", " + rendered + "]";
    }
}
