package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.store.sources.SourceLease;
import io.countywatch.aggregator.store.sources.SourceStateRepository;
import java.time.Duration;
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
 * Every tick, leases as many due sources as this instance has free poll slots, and polls them. Slots free up one
 * by one, so one slow source never holds back the others (there are no "rounds" to wait for), and a source is
 * leased only when a slot is ready for it, so no lease ticks away in a queue. A failing database pauses leasing
 * until it answers again. Stopping is graceful: no new leases, and running polls get a few seconds to finish.
 */
@Component
@EnableConfigurationProperties(PollingProperties.class)
class PollScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PollScheduler.class);
    private static final Duration DRAIN = Duration.ofSeconds(8);

    private final PollingProperties properties;
    private final SourcePoller poller;
    private final SourceSync sync;
    private final SourceStateRepository states;
    private final InstanceId instance;
    private final PollMetrics metrics;
    private final AtomicInteger claimed = new AtomicInteger();
    private volatile boolean accepting;
    private volatile boolean leasingFails;
    private volatile Disposable running;
    // the polls in flight; `claimed` bounds their number, so they need no operator's demand to start
    private volatile Disposable.Composite polls = Disposables.composite();

    PollScheduler(
            PollingProperties properties,
            SourcePoller poller,
            SourceSync sync,
            SourceStateRepository states,
            InstanceId instance,
            PollMetrics metrics) {
        this.properties = properties;
        this.poller = poller;
        this.sync = sync;
        this.states = states;
        this.instance = instance;
        this.metrics = metrics;
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.info("Polling is disabled (aggregator.polling.enabled=false)");
            return;
        }
        log.info(
                "Polling started as {} (tick {}, {} sources at once)",
                instance.value(),
                properties.tick(),
                properties.concurrency());
        accepting = true;
        polls = Disposables.composite();
        // The leased sources start their polls as soon as the lease statement is done. Routing leases through
        // flatMap's demand instead lost time: flatMap asks its source for more only in batches, so leases taken for
        // freed slots waited unpolled (up to their expiry) while the source was already marked as taken.
        // Not sooner either: PostgreSQL sends a long RETURNING list in 8 kB pieces before the statement commits,
        // and a poll started on an early row (a 304 takes 2 ms) wrote its outcome against the row as it was before
        // the lease, matched nothing and left the source leased, unpolled, for a lease time (LeaseCommitIT).
        running = Flux.interval(properties.tick(), Schedulers.parallel())
                .onBackpressureDrop()
                .concatMap(
                        tick -> leaseFreeSlots()
                                .collectList()
                                .doOnNext(leases -> leases.forEach(this::startPoll))
                                .then(),
                        1)
                .subscribe();
    }

    private Flux<SourceLease> leaseFreeSlots() {
        int free = properties.concurrency() - claimed.get();
        if (!accepting) {
            return Flux.empty();
        }
        return sync.pending()
                .then(states.countDue().doOnNext(metrics::due))
                .thenMany(
                        free <= 0
                                ? Flux.<SourceLease>empty()
                                : states.leaseDue(instance.value(), properties.lease(), free))
                .doOnNext(lease -> claimed.incrementAndGet())
                .doOnComplete(() -> {
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
                    return Flux.empty();
                });
    }

    private void startPoll(SourceLease lease) {
        Disposable[] self = new Disposable[1];
        self[0] = poller.poll(lease)
                .onErrorResume(error -> {
                    log.warn("source={} poll ended abnormally: {}", lease.sourceId(), error.toString());
                    return Mono.empty();
                })
                .doFinally(signal -> {
                    claimed.decrementAndGet();
                    if (self[0] != null) {
                        polls.remove(self[0]);
                    }
                })
                .subscribe();
        if (!self[0].isDisposed()) {
            polls.add(self[0]);
        }
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
        // and its lease lapses for another instance (nothing is half-recorded: state is written last)
        Flux.interval(Duration.ofMillis(50))
                .takeUntil(tick -> claimed.get() == 0)
                .take(DRAIN)
                .then()
                .doFinally(signal -> {
                    current.dispose();
                    polls.dispose();
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
