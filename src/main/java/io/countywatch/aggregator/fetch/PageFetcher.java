package io.countywatch.aggregator.fetch;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
 * Fetches one page or feed with WebClient, politely and defensively: per-host and per-domain limits (the request's
 * {@link HostLimits}, else {@link FetchProperties}), robots.txt, conditional GET, deadlines for connect, first byte
 * and the whole response (a slow-drip body is cut), a body limit counted after decompression (a gzip bomb is cut), and redirects followed
 * here, not by Netty, so that their number is bounded, loops are caught and each hop is checked again.
 */
@Component
@EnableConfigurationProperties(FetchProperties.class)
public class PageFetcher {

    static final int MAX_REDIRECTS = 5;

    private final WebClient client;
    private final Politeness politeness;
    private final RobotsCache robots;
    private final MeterRegistry meters;
    private final DistributionSummary bytes;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    @Autowired
    public PageFetcher(FetchProperties properties, MeterRegistry meters) {
        HttpClient http = HttpClient.create()
                .compress(true)
                .followRedirect(false)
                .responseTimeout(properties.firstByteTimeout())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        properties.connectTimeout().toMillis());
        if (properties.blockPrivateNetworks()) {
            PrivateAddressGuard guard = new PrivateAddressGuard();
            http = http.doOnChannelInit(
                    (observer, channel, remote) -> channel.pipeline().addFirst(guard));
        }
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
        this.politeness = new Politeness(properties, System::nanoTime);
        this.robots = new RobotsCache(this::downloadRobots, properties.robotsTtl(), System::nanoTime);
        this.meters = meters;
        this.bytes = DistributionSummary.builder("aggregator.fetch.bytes")
                .description("Body bytes of fetched pages and feeds")
                .baseUnit("bytes")
                .register(meters);
    }

    // looked up once per outcome rather than built and registered again for every fetch
    private Timer timer(String outcome) {
        return Timer.builder("aggregator.fetch")
                .description("Fetches of pages and feeds, redirects and politeness waits included")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(meters);
    }

    public Mono<FetchResult> fetch(FetchRequest request) {
        Timer.Sample sample = Timer.start(meters);
        return follow(request, request.url(), new HashSet<>()).doOnNext(result -> {
            String outcome = result instanceof FetchResult.Fetched
                    ? "fetched"
                    : result instanceof FetchResult.NotModified ? "not_modified" : "failed";
            sample.stop(timers.computeIfAbsent(outcome, this::timer));
            if (result instanceof FetchResult.Fetched fetched) {
                bytes.record(fetched.body().length);
            }
        });
    }

    private Mono<FetchResult> follow(FetchRequest request, URI url, Set<URI> seen) {
        if (!seen.add(url)) {
            return Mono.just(new FetchResult.Failed(url, 0, "redirect loop at " + url, null));
        }
        if (seen.size() > MAX_REDIRECTS + 1) {
            return Mono.just(new FetchResult.Failed(url, 0, "more than " + MAX_REDIRECTS + " redirects", null));
        }
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
            return Mono.just(new FetchResult.Failed(url, 0, "not an http(s) URL: " + url, null));
        }
        Mono<Boolean> allowed =
                request.robots() ? robots.allows(url, request.userAgent(), request.limits()) : Mono.just(true);
        return allowed.flatMap(ok -> ok
                ? politeness
                        .admit(url, request.limits(), permit -> hop(request, url, permit))
                        .flatMap(hop -> hop.redirect() == null
                                ? Mono.just(hop.result())
                                : follow(request, hop.redirect(), seen))
                : Mono.just(new FetchResult.Failed(
                        url, 0, "robots.txt of " + url.getHost() + " disallows " + url.getRawPath(), null)));
    }

    /** One request: either a final result or where a redirect points. */
    private record Hop(FetchResult result, URI redirect) {}

    private Mono<Hop> hop(FetchRequest request, URI url, Politeness.Permit permit) {
        return client.get()
                .uri(url)
                .headers(headers -> conditionalHeaders(request, headers))
                .exchangeToMono(response -> {
                    permit.answered();
                    int status = response.statusCode().value();
                    if (status >= 300 && status < 400 && status != 304) {
                        String location = response.headers().asHttpHeaders().getFirst(HttpHeaders.LOCATION);
                        return response.releaseBody()
                                .thenReturn(
                                        location == null
                                                ? new Hop(
                                                        new FetchResult.Failed(
                                                                url, status, "redirect without Location", null),
                                                        null)
                                                : new Hop(null, url.resolve(location.trim())));
                    }
                    return answer(request, url, response).map(result -> new Hop(result, null));
                })
                .timeout(request.timeout())
                .onErrorResume(error -> Mono.just(new Hop(failure(url, error, request), null)));
    }

    private static void conditionalHeaders(FetchRequest request, HttpHeaders headers) {
        headers.set(HttpHeaders.USER_AGENT, request.userAgent());
        headers.set(
                HttpHeaders.ACCEPT,
                "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
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
            if (status == 429 || status >= 500) {
                politeness.penalize(url, retryAfter);
            }
            String reason =
                    "HTTP " + status + (retryAfter == null ? "" : ", retry after " + retryAfter.toSeconds() + " s");
            return response.releaseBody().thenReturn(new FetchResult.Failed(url, status, reason, retryAfter));
        }
        String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
        if (ContentTypes.isUnreadable(contentType)) {
            return response.releaseBody()
                    .thenReturn(new FetchResult.Failed(url, status, "unexpected content type " + contentType, null));
        }
        return body(response, request.maxBytes())
                .map(body -> new FetchResult.Fetched(
                        url,
                        status,
                        contentType,
                        ContentTypes.charset(contentType),
                        body,
                        headers.getETag(),
                        headers.getFirst(HttpHeaders.LAST_MODIFIED)));
    }

    private static Mono<byte[]> body(ClientResponse response, long maxBytes) {
        return DataBufferUtils.join(response.bodyToFlux(DataBuffer.class), (int) Math.min(Integer.MAX_VALUE, maxBytes))
                .map(PageFetcher::bytes)
                .defaultIfEmpty(new byte[0]);
    }

    // robots.txt goes through the same politeness as pages (the limits of the request that needed it), but never
    // through robots.txt itself
    private Mono<RobotsCache.Answer> downloadRobots(URI url, HostLimits limits) {
        return politeness.admit(
                url,
                limits,
                permit -> client.get()
                        .uri(url)
                        .exchangeToMono(response -> {
                            permit.answered();
                            int status = response.statusCode().value();
                            if (status < 200 || status >= 300) {
                                return response.releaseBody().thenReturn(new RobotsCache.Answer(status, new byte[0]));
                            }
                            return body(response, RobotsCache.MAX_BYTES)
                                    .map(body -> new RobotsCache.Answer(status, body));
                        })
                        .timeout(Duration.ofSeconds(10)));
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
        Throwable cause = error;
        while (cause.getCause() != null && !(cause instanceof PrivateAddressGuard.Refused)) {
            cause = cause.getCause();
        }
        if (error instanceof DataBufferLimitException) {
            reason = "body larger than " + request.maxBytes() + " bytes";
        } else if (cause instanceof PrivateAddressGuard.Refused refused) {
            reason = refused.getMessage();
        } else {
            reason = FailureText.of(url, error, request.timeout());
        }
        return new FetchResult.Failed(url, 0, reason, null);
    }
}
