package io.countywatch.aggregator.fetch;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;

/**
 * robots.txt per origin, fetched once and trusted for the configured time. A missing file (4xx) allows everything;
 * so does one that cannot be read (5xx, timeout, a redirect), but that answer is kept only briefly, so a site in
 * trouble is asked again soon. Lenient on purpose: admins chose these sources, and the files of small government
 * sites are often broken.
 */
final class RobotsCache {

    static final int MAX_BYTES = 512 * 1024;
    private static final Duration UNREADABLE_TTL = Duration.ofMinutes(10);

    /** What a GET of a robots.txt gave: 2xx with a body, 4xx, or anything else. */
    record Answer(int status, byte[] body) {}

    private record Entry(Mono<RobotsTxt> rules, long expiresAt) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final BiFunction<URI, HostLimits, Mono<Answer>> download;
    private final Duration ttl;
    private final LongSupplier nanos;

    RobotsCache(BiFunction<URI, HostLimits, Mono<Answer>> download, Duration ttl, LongSupplier nanos) {
        this.download = download;
        this.ttl = ttl;
        this.nanos = nanos;
    }

    /** @param limits the politeness of the request asking, used if robots.txt must be fetched; null for the defaults */
    Mono<Boolean> allows(URI url, String userAgent, HostLimits limits) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String target = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
        return rules(url, limits).map(robots -> robots.allows(userAgent, target));
    }

    private Mono<RobotsTxt> rules(URI url, HostLimits limits) {
        String origin = url.getScheme() + "://" + url.getRawAuthority();
        long now = nanos.getAsLong();
        Entry entry = entries.compute(
                origin, (key, old) -> old != null && now - old.expiresAt() < 0 ? old : load(key, limits, now));
        return entry.rules();
    }

    // cache() shares one download among every poll that asks while it runs
    private Entry load(String origin, HostLimits limits, long now) {
        Mono<RobotsTxt> rules = download.apply(URI.create(origin + "/robots.txt"), limits)
                .map(answer -> {
                    if (answer.status() >= 200 && answer.status() < 300) {
                        return RobotsTxt.parse(new String(answer.body(), StandardCharsets.UTF_8));
                    }
                    if (answer.status() >= 400 && answer.status() < 500) {
                        return RobotsTxt.ALLOW_ALL;
                    }
                    shorten(origin);
                    return RobotsTxt.ALLOW_ALL;
                })
                .onErrorResume(error -> {
                    shorten(origin);
                    return Mono.just(RobotsTxt.ALLOW_ALL);
                })
                .cache();
        return new Entry(rules, now + ttl.toNanos());
    }

    private void shorten(String origin) {
        entries.computeIfPresent(
                origin, (key, entry) -> new Entry(entry.rules(), nanos.getAsLong() + UNREADABLE_TTL.toNanos()));
    }
}
