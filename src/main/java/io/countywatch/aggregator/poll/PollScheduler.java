package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.fetch.FetchProperties;
import io.countywatch.aggregator.store.sources.HostLeases;
import io.countywatch.aggregator.store.sources.SourceLease;
import io.countywatch.aggregator.store.sources.SourceStateRepository;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Every tick, leases sites (politeness keys, see {@link HostLeases}) with due sources, as many as this instance has
 * free site slots, then the due sources of those sites, and polls each site's sources under its limits; a site is
 * given back when its last source is done. So the polls in flight follow the work: as many sites at once as have due
 * sources (up to {@code aggregator.polling.concurrency}, or by default the fetcher's global bound), and no site is
 * polled by two instances at once. A failing database pauses leasing until it answers again. Stopping is graceful:
 * no new leases, and running polls get a few seconds to finish.
 */
@Component
@EnableConfigurationProperties(PollingProperties.class)
class PollScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PollScheduler.class);
    private static final Duration DRAIN = Duration.ofSeconds(8);
    private static final Duration TICK_LIMIT = Duration.ofSeconds(30);

    private final PollingProperties properties;
    private final SourcePoller poller;
    private final SourceSync sync;
    private final SourceStateRepository states;
    private final HostLeases leases;
    private final PolitenessPlan plan;
    private final InstanceId instance;
    private final PollMetrics metrics;
    private final RoundProgress progress;
    private final HeldLeases held;
    private final int slots;
    private final AtomicInteger heldSites = new AtomicInteger();
    private final AtomicInteger polling = new AtomicInteger();
    private volatile boolean accepting;
    private volatile boolean leasingFails;
    private volatile Disposable running;
    private volatile Disposable heartbeat;
    // the sites in flight; `slots` bounds their number, so they need no operator's demand to start
    private volatile Disposable.Composite rounds = Disposables.composite();

    PollScheduler(
            PollingProperties properties,
            FetchProperties fetch,
            SourcePoller poller,
            SourceSync sync,
            SourceStateRepository states,
            HostLeases leases,
            PolitenessPlan plan,
            InstanceId instance,
            PollMetrics metrics,
            HeldLeases held) {
        this.held = held;
        this.properties = properties;
        this.poller = poller;
        this.sync = sync;
        this.states = states;
        this.leases = leases;
        this.plan = plan;
        this.instance = instance;
        this.metrics = metrics;
        this.slots = properties.concurrency() > 0 ? properties.concurrency() : fetch.globalConcurrency();
        this.progress = new RoundProgress(Duration.ofSeconds(10));
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.info("Polling is disabled (aggregator.polling.enabled=false)");
            return;
        }
        log.info(
                "Polling started as {} (tick {}, up to {} sites at once{})",
                instance.value(),
                properties.tick(),
                slots,
                properties.concurrency() > 0 ? "" : ", following the due sources");
        accepting = true;
        rounds = Disposables.composite();
        // The leased sources start their polls once the lease statement is done, not on its first rows: PostgreSQL
        // sends a long RETURNING list in 8 kB pieces before the statement commits, and a poll started on an early row
        // wrote its outcome against the row as it was before the lease (LeaseCommitIT).
        running = Flux.interval(properties.tick(), Schedulers.parallel())
                .onBackpressureDrop()
                .concatMap(tick -> leaseFreeSites().then(), 1)
                .subscribe();
        Duration every = properties.lease().dividedBy(3);
        heartbeat = Flux.interval(every, every)
                .onBackpressureDrop()
                .concatMap(tick -> leases.renew(instance.value(), held.keys(), held.sources(), properties.lease())
                        .onErrorResume(error -> Mono.empty()))
                .subscribe();
    }

    private Mono<Void> leaseFreeSites() {
        int free = slots - heldSites.get();
        if (!accepting) {
            return Mono.empty();
        }
        String owner = instance.value();
        return sync.pending()
                .then(states.countDue())
                .doOnNext(due -> {
                    metrics.due(due);
                    progress.tick(due, polling.get(), heldSites.get()).ifPresent(log::info);
                })
                .then(
                        free <= 0
                                ? Mono.<List<String>>just(List.of())
                                : leases.leaseKeys(owner, properties.lease(), free)
                                        .collectList())
                .flatMap(keys -> {
                    if (keys.isEmpty()) {
                        return Mono.empty();
                    }
                    heldSites.addAndGet(keys.size());
                    return leases.leaseDueSources(owner, keys, properties.lease())
                            .collectList()
                            .doOnError(error -> heldSites.addAndGet(-keys.size()))
                            .doOnNext(sources -> startRounds(keys, sources));
                })
                // a tick that hangs (a lost connection) must not stop every later tick: give up on it
                .timeout(TICK_LIMIT)
                .doOnSuccess(done -> {
                    if (leasingFails) {
                        leasingFails = false;
                        log.info("Leasing works again: polling resumes");
                    }
                })
                .onErrorResume(error -> {
                    // once per outage, not once per tick
                    if (!leasingFails) {
                        leasingFails = true;
                        log.warn(
                                "Leasing due sources failed, polling paused until the database answers: {}",
                                error.toString());
                    }
                    return Mono.empty();
                })
                .then();
    }

    private void startRounds(List<String> keys, List<SourceLease> sources) {
        keys.forEach(held::holdKey);
        sources.forEach(lease -> held.holdSource(lease.sourceId()));
        Map<String, List<SourceLease>> byKey = new LinkedHashMap<>();
        keys.forEach(key -> byKey.put(key, new java.util.ArrayList<>()));
        sources.forEach(lease -> byKey.computeIfAbsent(lease.politenessKey(), k -> new java.util.ArrayList<>())
                .add(lease));
        byKey.forEach(this::startRound);
    }

    // One site: its sources at most domain-concurrency at a time (the fetcher's politeness spaces their requests),
    // then the site goes back with the spacing it owes.
    private void startRound(String key, List<SourceLease> sources) {
        int concurrency = Math.max(1, plan.forKey(key).domainConcurrency());
        Disposable[] self = new Disposable[1];
        self[0] = Flux.fromIterable(sources)
                .flatMap(this::poll, concurrency)
                .then(Mono.defer(() ->
                        leases.release(instance.value(), key, sources.isEmpty() ? Duration.ZERO : poller.spacing(key))))
                .onErrorResume(error -> {
                    // no longer renewed, the key lapses after the lease time
                    log.warn("site={} not given back: {}", key, error.toString());
                    return Mono.empty();
                })
                .doFinally(signal -> {
                    held.releaseKey(key);
                    heldSites.decrementAndGet();
                    if (self[0] != null) {
                        rounds.remove(self[0]);
                    }
                })
                .subscribe();
        if (!self[0].isDisposed()) {
            rounds.add(self[0]);
        }
    }

    private Mono<PollOutcome> poll(SourceLease lease) {
        polling.incrementAndGet();
        return poller.poll(lease)
                .onErrorResume(error -> {
                    // its outcome was not written: no longer renewed, its lease lapses and it is polled again
                    log.warn("source={} poll ended abnormally: {}", lease.sourceId(), error.toString());
                    return Mono.empty();
                })
                .doFinally(signal -> {
                    held.releaseSource(lease.sourceId());
                    polling.decrementAndGet();
                    progress.done();
                });
    }

    @Override
    public void stop(Runnable callback) {
        accepting = false;
        Disposable current = running;
        if (current == null) {
            callback.run();
            return;
        }
        // let running polls finish and record their outcome; what is still running after DRAIN is cancelled,
        // and its leases lapse for another instance (nothing is half-recorded: state is written last)
        Flux.interval(Duration.ofMillis(50))
                .takeUntil(tick -> heldSites.get() == 0)
                .take(DRAIN)
                .then()
                .doFinally(signal -> {
                    current.dispose();
                    rounds.dispose();
                    Disposable beat = heartbeat;
                    if (beat != null) {
                        beat.dispose();
                    }
                    running = null;
                    callback.run();
                })
                .subscribe();
    }

    @Override
    public void stop() {
        stop(() -> {});
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
