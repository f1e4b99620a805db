package io.countywatch.aggregator.fetch;

import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Fetches one page or feed with WebClient: conditional GET, a deadline for the whole response (a slow-drip body
 * is cut), a body limit counted after decompression (a gzip bomb is cut), and redirects followed here, not by
 * Netty, so that their number is bounded and loops are caught.
 */
@Component
public class PageFetcher {

    static final int MAX_REDIRECTS = 5;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final WebClient client;

    public PageFetcher() {
        HttpClient http = HttpClient.create()
                .compress(true)
                .followRedirect(false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis());
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
    }

    public Mono<FetchResult> fetch(FetchRequest request) {
        return follow(request, request.url(), new HashSet<>())
                .timeout(request.timeout())
                .onErrorResume(error -> Mono.just(failure(request.url(), error, request)));
    }

    private Mono<FetchResult> follow(FetchRequest request, URI url, Set<URI> seen) {
        if (!seen.add(url)) {
            return Mono.just(new FetchResult.Failed(url, 0, "redirect loop at " + url, null));
        }
        if (seen.size() > MAX_REDIRECTS + 1) {
            return Mono.just(new FetchResult.Failed(url, 0, "more than " + MAX_REDIRECTS + " redirects", null));
        }
        return client.get()
                .uri(url)
                .headers(headers -> conditionalHeaders(request, headers))
                .exchangeToMono(response -> {
                    int status = response.statusCode().value();
                    if (status >= 300 && status < 400 && status != 304) {
                        String location = response.headers().asHttpHeaders().getFirst(HttpHeaders.LOCATION);
                        return response.releaseBody()
                                .then(Mono.defer(() -> location == null
                                        ? Mono.just(new FetchResult.Failed(url, status, "redirect without Location", null))
                                        : follow(request, url.resolve(location.trim()), seen)));
                    }
                    return answer(request, url, response);
                });
    }

    private static void conditionalHeaders(FetchRequest request, HttpHeaders headers) {
        headers.set(HttpHeaders.USER_AGENT, request.userAgent());
        headers.set(HttpHeaders.ACCEPT, "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                + "application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5");
        headers.set(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN,zh;q=0.9,en;q=0.5");
        if (request.etag() != null) {
            headers.set(HttpHeaders.IF_NONE_MATCH, request.etag());
        }
        if (request.lastModified() != null) {
            headers.set(HttpHeaders.IF_MODIFIED_SINCE, request.lastModified());
        }
    }

    private Mono<FetchResult> answer(FetchRequest request, URI url, ClientResponse response) {
        int status = response.statusCode().value();
        HttpHeaders headers = response.headers().asHttpHeaders();
        if (status == 304) {
            return response.releaseBody().thenReturn(new FetchResult.NotModified(url));
        }
        if (status < 200 || status >= 300) {
            Duration retryAfter = RetryAfter.parse(headers.getFirst(HttpHeaders.RETRY_AFTER));
            return response.releaseBody()
                    .thenReturn(new FetchResult.Failed(url, status, "HTTP " + status, retryAfter));
        }
        String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
        if (ContentTypes.isUnreadable(contentType)) {
            return response.releaseBody()
                    .thenReturn(new FetchResult.Failed(url, status, "unexpected content type " + contentType, null));
        }
        return DataBufferUtils.join(response.bodyToFlux(DataBuffer.class), (int) Math.min(Integer.MAX_VALUE, request.maxBytes()))
                .map(PageFetcher::bytes)
                .defaultIfEmpty(new byte[0])
                .map(body -> (FetchResult) new FetchResult.Fetched(
                        url,
                        status,
                        contentType,
                        ContentTypes.charset(contentType),
                        body,
                        headers.getETag(),
                        headers.getFirst(HttpHeaders.LAST_MODIFIED)));
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] out = new byte[buffer.readableByteCount()];
            buffer.read(out);
            return out;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static FetchResult failure(URI url, Throwable error, FetchRequest request) {
        String reason;
        if (error instanceof TimeoutException) {
            reason = "no complete answer within " + request.timeout().toSeconds() + " s";
        } else if (error instanceof DataBufferLimitException) {
            reason = "body larger than " + request.maxBytes() + " bytes";
        } else {
            String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
            reason = message.toLowerCase(Locale.ROOT).contains("connection") ? message : "fetch failed: " + message;
        }
        return new FetchResult.Failed(url, 0, reason, null);
    }
}
