package io.countywatch.aggregator.publish;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers a GET with rendered bytes, or with 304 and no body when the reader's {@code If-None-Match} (or, without
 * one, {@code If-Modified-Since}) shows it already has them. For responses rendered per request: the OPML and
 * {@code /api/items}. Cached feeds are answered by {@link FeedResponder}, which also keeps a gzip variant.
 */
public final class ConditionalGet {

    private ConditionalGet() {}

    /** The answer for bytes rendered now, with a strong ETag computed from them. */
    public static ResponseEntity<byte[]> answer(
            ServerWebExchange exchange, String contentType, byte[] body, Instant lastModified, Duration maxAge) {
        return answer(exchange, RenderedFeed.of(null, contentType, body, lastModified), maxAge);
    }

    static ResponseEntity<byte[]> answer(ServerWebExchange exchange, RenderedFeed feed, Duration maxAge) {
        // HTTP dates have whole seconds; a sub-second Last-Modified would never equal the If-Modified-Since echoed.
        Instant lastModified = feed.lastModified().truncatedTo(ChronoUnit.SECONDS);
        CacheControl cache = CacheControl.maxAge(maxAge);
        if (exchange.checkNotModified(feed.etag(), lastModified)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(feed.etag())
                    .lastModified(lastModified)
                    .cacheControl(cache)
                    .build();
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(feed.contentType()))
                .eTag(feed.etag())
                .lastModified(lastModified)
                .cacheControl(cache)
                .body(feed.body());
    }
}
