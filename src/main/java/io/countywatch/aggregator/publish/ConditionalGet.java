package io.countywatch.aggregator.publish;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The one conditional GET of the service: answers with a representation's bytes, or with 304 and no body when the
 * reader's {@code If-None-Match} (or, without one, {@code If-Modified-Since}) shows it already has them. Both
 * answers carry ETag, Last-Modified and Cache-Control. Cached feeds come with a gzip variant (sent to readers that
 * accept it, with its own ETag, under {@code Vary: Accept-Encoding}); the OPML and {@code /api/items}, rendered
 * per request, with their bytes only.
 */
@Component
public class ConditionalGet {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    static final String STALE_HEADER = "X-Aggregator-Stale";

    private final String cacheControl;

    ConditionalGet(FeedProperties properties) {
        this.cacheControl = CacheControl.maxAge(properties.maxAge()).getHeaderValue();
    }

    /** Answers with bytes rendered for this request, under a strong ETag computed from them. */
    public Mono<Void> send(ServerWebExchange exchange, String contentType, byte[] body, Instant lastModified) {
        // HTTP dates have whole seconds; a sub-second Last-Modified would never equal the If-Modified-Since echoed.
        Instant seconds = lastModified.truncatedTo(ChronoUnit.SECONDS);
        var variant = new FeedVariant(body, RenderedFeed.strongEtag(body), null);
        return send(exchange, contentType, variant, seconds, httpDate(seconds));
    }

    /** Answers with a cached feed: its gzip variant to readers that accept gzip, its rendered bytes to the rest. */
    Mono<Void> send(ServerWebExchange exchange, CachedFeed feed) {
        HttpHeaders request = exchange.getRequest().getHeaders();
        FeedVariant variant =
                acceptsGzip(request.getFirst(HttpHeaders.ACCEPT_ENCODING)) ? feed.gzip() : feed.identity();
        // The bytes depend on Accept-Encoding, so shared caches must key on it too.
        exchange.getResponse().getHeaders().set(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        return send(exchange, feed.contentType(), variant, feed.lastModified(), feed.lastModifiedHeader());
    }

    /**
     * Answers with a cached feed that may be out of date (the database cannot be reached to check or render a newer
     * one), saying so in {@code Warning: 110} (RFC 7234) and {@code X-Aggregator-Stale}.
     */
    Mono<Void> sendStale(ServerWebExchange exchange, CachedFeed feed) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(HttpHeaders.WARNING, "110 - \"Response is Stale\"");
        headers.set(STALE_HEADER, "database unreachable; this is the last rendering");
        return send(exchange, feed);
    }

    // Every header value is prepared by the caller (for a cached feed, once per rendering), so an answer is a few
    // header sets and a write of bytes already in memory.
    private Mono<Void> send(
            ServerWebExchange exchange,
            String contentType,
            FeedVariant variant,
            Instant lastModified,
            String lastModifiedHeader) {
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        headers.set(HttpHeaders.ETAG, variant.etag());
        headers.set(HttpHeaders.LAST_MODIFIED, lastModifiedHeader);
        headers.set(HttpHeaders.CACHE_CONTROL, cacheControl);
        if (notModified(exchange.getRequest().getHeaders(), variant.etag(), lastModified)) {
            response.setStatusCode(HttpStatus.NOT_MODIFIED);
            return response.setComplete();
        }
        response.setStatusCode(HttpStatus.OK);
        headers.set(HttpHeaders.CONTENT_TYPE, contentType);
        if (variant.contentEncoding() != null) {
            headers.set(HttpHeaders.CONTENT_ENCODING, variant.contentEncoding());
        }
        headers.setContentLength(variant.body().length);
        return response.writeWith(
                Mono.fromSupplier(() -> response.bufferFactory().wrap(variant.body())));
    }

    /** An HTTP date (RFC 9110 §5.6.7) of an instant in whole seconds. */
    static String httpDate(Instant instant) {
        return HTTP_DATE.format(instant);
    }

    /**
     * Whether the reader accepts gzip: an {@code Accept-Encoding} naming {@code gzip} (or {@code x-gzip}, or
     * {@code *}) without {@code q=0}. A reader that sends none gets the bytes as rendered.
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        boolean any = false;
        for (String coding : acceptEncoding.split(",")) {
            int semicolon = coding.indexOf(';');
            String name = (semicolon < 0 ? coding : coding.substring(0, semicolon))
                    .trim()
                    .toLowerCase(Locale.ROOT);
            boolean refused = semicolon >= 0 && zeroQuality(coding.substring(semicolon + 1));
            if (name.equals("gzip") || name.equals("x-gzip")) {
                return !refused;
            }
            if (name.equals("*")) {
                any = !refused;
            }
        }
        return any;
    }

    private static boolean zeroQuality(String parameters) {
        for (String parameter : parameters.split(";")) {
            String p = parameter.trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2).trim()) == 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }

    /**
     * RFC 9110 §13.1.2 and §13.1.3 for a GET: a matching {@code If-None-Match} (weak comparison, or {@code *});
     * only without one, an {@code If-Modified-Since} not older than Last-Modified.
     */
    static boolean notModified(HttpHeaders request, String etag, Instant lastModified) {
        var ifNoneMatch = request.get(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && !ifNoneMatch.isEmpty()) {
            for (String line : ifNoneMatch) {
                // Splitting on commas is safe for our tags (hex digits): no fragment of another tag can equal one.
                for (String tag : line.split(",")) {
                    String t = tag.trim();
                    if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
                        return true;
                    }
                }
            }
            return false;
        }
        long since = request.getIfModifiedSince();
        return since >= 0 && lastModified.toEpochMilli() <= since;
    }
}
