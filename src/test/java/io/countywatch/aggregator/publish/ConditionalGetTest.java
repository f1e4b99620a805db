package io.countywatch.aggregator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;

class ConditionalGetTest {

    static final byte[] BODY = ("<feed xmlns=\"http://www.w3.org/2005/Atom\">"
                    + "<entry><title>孝昌县召开防汛工作会议</title></entry>".repeat(40) + "</feed>")
            .getBytes(StandardCharsets.UTF_8);
    static final Instant UPDATED = Instant.parse("2026-11-28T08:30:15.250Z");

    final ConditionalGet responder = new ConditionalGet(
            new FeedProperties(Duration.ofSeconds(90), DataSize.ofMegabytes(1), Duration.ofSeconds(5)));
    final CachedFeed feed =
            new CachedFeed(FeedScope.ALL, RenderedFeed.of("a1/1", FeedFormat.ATOM.contentType(), BODY, UPDATED));

    MockServerWebExchange send(MockServerHttpRequest.BaseBuilder<?> request) {
        var exchange = MockServerWebExchange.from(request);
        responder.send(exchange, feed).block(Duration.ofSeconds(5));
        return exchange;
    }

    static byte[] body(MockServerWebExchange exchange) {
        return DataBufferUtils.join(exchange.getResponse().getBody())
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    return bytes;
                })
                .block(Duration.ofSeconds(5));
    }

    static byte[] gunzip(byte[] gzip) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    @Test
    void sendsTheRenderedBytesWithTheirValidatorsToAReaderWithoutGzip() {
        var exchange = send(MockServerHttpRequest.get("http://127.0.0.1/feeds/all.atom"));

        HttpHeaders headers = exchange.getResponse().getHeaders();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(headers.getETag()).isEqualTo(RenderedFeed.strongEtag(BODY));
        assertThat(headers.getFirst(HttpHeaders.LAST_MODIFIED)).isEqualTo("Sat, 28 Nov 2026 08:30:15 GMT");
        assertThat(headers.getCacheControl()).isEqualTo("max-age=90");
        assertThat(headers.getFirst(HttpHeaders.VARY)).isEqualTo("Accept-Encoding");
        assertThat(headers.getFirst(HttpHeaders.CONTENT_ENCODING)).isNull();
        assertThat(headers.getContentType().toString()).startsWith("application/atom+xml");
        assertThat(headers.getContentLength()).isEqualTo(BODY.length);
    }

    @Test
    void sendsAGzipCopyWithItsOwnEtagToAReaderThatAcceptsGzip() throws IOException {
        var exchange = send(MockServerHttpRequest.get("http://127.0.0.1/feeds/all.atom")
                .header(HttpHeaders.ACCEPT_ENCODING, "gzip, deflate, br"));

        HttpHeaders headers = exchange.getResponse().getHeaders();
        byte[] gzip = body(exchange);
        assertThat(headers.getFirst(HttpHeaders.CONTENT_ENCODING)).isEqualTo("gzip");
        assertThat(headers.getFirst(HttpHeaders.VARY)).isEqualTo("Accept-Encoding");
        assertThat(gunzip(gzip)).isEqualTo(BODY);
        assertThat(gzip.length).isLessThan(BODY.length).isEqualTo((int) headers.getContentLength());
        assertThat(headers.getETag())
                .isEqualTo(RenderedFeed.strongEtag(gzip))
                .isNotEqualTo(RenderedFeed.strongEtag(BODY));
    }

    @Test
    void compressesOncePerRendering() {
        assertThat(feed.gzip()).isSameAs(feed.gzip());
    }

    @Test
    void answers304ToARevalidationOfTheGzipCopy() {
        String gzipEtag = feed.gzip().etag();

        var exchange = send(MockServerHttpRequest.get("http://127.0.0.1/feeds/all.atom")
                .header(HttpHeaders.ACCEPT_ENCODING, "gzip")
                .header(HttpHeaders.IF_NONE_MATCH, gzipEtag));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
        assertThat(exchange.getResponse().getHeaders().getETag()).isEqualTo(gzipEtag);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.VARY))
                .isEqualTo("Accept-Encoding");
        assertThat(body(exchange)).isNullOrEmpty();
    }

    @Test
    void sendsTheFullIdentityBytesWhenTheGzipEtagComesWithoutGzip() {
        var exchange = send(MockServerHttpRequest.get("http://127.0.0.1/feeds/all.atom")
                .header(HttpHeaders.IF_NONE_MATCH, feed.gzip().etag()));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(body(exchange)).isEqualTo(BODY);
    }

    @Test
    void answersBytesRenderedPerRequestWithTheirValidatorsAndNoVary() {
        var exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("http://127.0.0.1/api/items").header(HttpHeaders.ACCEPT_ENCODING, "gzip"));
        responder.send(exchange, "application/json", BODY, UPDATED).block(Duration.ofSeconds(5));

        HttpHeaders headers = exchange.getResponse().getHeaders();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(headers.getETag()).isEqualTo(RenderedFeed.strongEtag(BODY));
        assertThat(headers.getFirst(HttpHeaders.LAST_MODIFIED)).isEqualTo("Sat, 28 Nov 2026 08:30:15 GMT");
        assertThat(headers.getCacheControl()).isEqualTo("max-age=90");
        assertThat(headers.getContentType()).hasToString("application/json");
        // no gzip variant: the bytes do not depend on Accept-Encoding
        assertThat(headers.getFirst(HttpHeaders.CONTENT_ENCODING)).isNull();
        assertThat(headers.getFirst(HttpHeaders.VARY)).isNull();
        assertThat(body(exchange)).isEqualTo(BODY);
    }

    @Test
    void answers304ToBytesRenderedPerRequestWhenNotModifiedSinceTheirSecond() {
        // the sub-second Last-Modified (15.250 s) must compare by the whole second the reader was sent
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("http://127.0.0.1/feeds/opml")
                .header(HttpHeaders.IF_MODIFIED_SINCE, "Sat, 28 Nov 2026 08:30:15 GMT"));
        responder.send(exchange, "text/x-opml", BODY, UPDATED).block(Duration.ofSeconds(5));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
        assertThat(exchange.getResponse().getHeaders().getETag()).isEqualTo(RenderedFeed.strongEtag(BODY));
        assertThat(exchange.getResponse().getHeaders().getCacheControl()).isEqualTo("max-age=90");
        assertThat(body(exchange)).isNullOrEmpty();
    }

    @Test
    void keepsTheRenderedBytesWhenGzipWouldNotShrinkThem() {
        var tiny = new CachedFeed(
                FeedScope.ALL, RenderedFeed.of("a1/1", FeedFormat.JSON.contentType(), new byte[] {'{', '}'}, UPDATED));

        assertThat(tiny.gzip()).isSameAs(tiny.identity());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL                      | false
            ''                        | false
            gzip                      | true
            'GZIP, deflate'           | true
            'deflate, br'             | false
            'br;q=1.0, gzip;q=0.8'    | true
            gzip;q=0                  | false
            'gzip; q=0.0'             | false
            x-gzip                    | true
            *                         | true
            '*;q=0'                   | false
            'identity, *;q=0.5'       | true
            'gzip;q=0, *'             | false
            """)
    void acceptsGzipOnlyWhenTheReaderAllowsIt(String acceptEncoding, boolean gzip) {
        assertThat(ConditionalGet.acceptsGzip(acceptEncoding)).isEqualTo(gzip);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            '"abc"'                   | NULL                            | true
            'W/"abc"'                 | NULL                            | true
            '"x", "abc"'              | NULL                            | true
            '*'                       | NULL                            | true
            '"x"'                     | NULL                            | false
            '"x"'                     | Sat, 28 Nov 2026 08:30:15 GMT   | false
            NULL                      | Sat, 28 Nov 2026 08:30:15 GMT   | true
            NULL                      | Sat, 28 Nov 2026 09:00:00 GMT   | true
            NULL                      | Sat, 28 Nov 2026 08:30:14 GMT   | false
            NULL                      | not a date                      | false
            NULL                      | NULL                            | false
            """)
    void comparesValidatorsLikeRfc9110(String ifNoneMatch, String ifModifiedSince, boolean notModified) {
        var headers = new HttpHeaders();
        if (ifNoneMatch != null) {
            headers.set(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
        }
        if (ifModifiedSince != null) {
            headers.set(HttpHeaders.IF_MODIFIED_SINCE, ifModifiedSince);
        }
        Instant lastModified = Instant.parse("2026-11-28T08:30:15Z");

        assertThat(ConditionalGet.notModified(headers, "\"abc\"", lastModified)).isEqualTo(notModified);
    }
}
