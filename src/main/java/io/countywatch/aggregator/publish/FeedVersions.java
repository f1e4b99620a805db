package io.countywatch.aggregator.publish;

import io.countywatch.aggregator.store.items.FeedVersionRepository;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The current feed version of every scope, held in memory so that a cached feed and a 304 answer cost no query.
 * Database triggers bump a source's version on every item insert or update and NOTIFY; each notification (from
 * any instance's writes) re-reads the small version table. A periodic re-read covers a LISTEN connection that is down.
 */
@Component
class FeedVersions implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FeedVersions.class);
    // While pollers store, notifications come without pause, and re-reading every source's version back to back
    // took a tenth of the service's CPU (polling benchmark). After each read, notifications that arrive within
    // this gap are answered by one read at its end: a feed is at most this much staler, and reads are bounded.
    private static final Duration MIN_GAP = Duration.ofMillis(100);

    private final FeedVersionRepository repository;
    private final Duration refresh;
    private final AtomicReference<VersionSnapshot> current = new AtomicReference<>();
    private volatile Disposable running;
    private volatile boolean lastReadFailed;

    FeedVersions(FeedVersionRepository repository, FeedProperties properties) {
        this.repository = repository;
        this.refresh = properties.versionRefresh();
    }

    /** The latest snapshot, or null before the first read has finished (callers then skip the cache). */
    VersionSnapshot current() {
        return current.get();
    }

    /** Re-reads the versions now; completes when the new snapshot is in place. */
    Mono<VersionSnapshot> reload() {
        return repository
                .findAll()
                .map(VersionSnapshot::of)
                .doOnNext(this::offer)
                .doOnNext(ok -> lastReadFailed = false)
                .doOnError(e -> lastReadFailed = true);
    }

    /** True while the last read failed: the snapshot may be out of date, and so may what it validates. */
    boolean outOfDate() {
        return lastReadFailed;
    }

    // Two reads may finish out of order; the older one must not replace the newer.
    private void offer(VersionSnapshot next) {
        current.accumulateAndGet(
                next, (old, candidate) -> old == null || candidate.newest() >= old.newest() ? candidate : old);
    }

    @Override
    public void start() {
        // after a reconnect the repository emits CONNECTED, which re-reads what changed while it was down
        Flux<Object> notified = repository.watchChanges().cast(Object.class);
        Flux<Object> ticks = Flux.interval(Duration.ZERO, refresh).cast(Object.class);
        running = Flux.merge(notified, ticks)
                .onBackpressureLatest()
                .concatMap(
                        signal -> reload().onErrorResume(e -> {
                                    log.warn(
                                            "feed versions: cannot read them ({}); keeping the last ones",
                                            e.toString());
                                    return Mono.empty();
                                })
                                .then(Mono.delay(MIN_GAP)),
                        1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable r = running;
        if (r != null) {
            r.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
