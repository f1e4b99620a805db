package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.config.SourceRegistry;
import io.countywatch.aggregator.item.DateOrigin;
import io.countywatch.aggregator.poll.SourceExtraction.Extraction;
import io.countywatch.aggregator.store.ItemRepository;
import io.countywatch.aggregator.store.NewItem;
import io.countywatch.aggregator.store.PollRecord;
import io.countywatch.aggregator.store.SourceLease;
import io.countywatch.aggregator.store.SourceStateRepository;
import io.countywatch.aggregator.store.StoreOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Polls one leased source: fetch → extract → store, then records the outcome in the source's state. The state
 * (and so the schedule) advances only after the poll's items are committed.
 */
@Component
public class SourcePoller {


    private final SourceRegistry registry;
    private final SourceExtraction extraction;
    private final ItemRepository items;
    private final SourceStateRepository states;
    private final Clock clock;
    private final InstanceId instance;
    private final PollingProperties properties;
    private final PollMetrics metrics;
    private final PollSchedule schedule = new PollSchedule(RandomGenerator.getDefault());

    SourcePoller(
            SourceRegistry registry,
            SourceExtraction extraction,
            ItemRepository items,
            SourceStateRepository states,
            Clock clock,
            InstanceId instance,
            PollingProperties properties,
            PollMetrics metrics) {
        this.registry = registry;
        this.extraction = extraction;
        this.items = items;
        this.states = states;
        this.clock = clock;
        this.instance = instance;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** Polls a source now, if no one else is polling it. */
    public Mono<PollOutcome> pollNow(String sourceId) {
        return states.leaseNow(instance.value(), sourceId, properties.lease())
                .flatMap(this::poll)
                .defaultIfEmpty(new PollOutcome.Busy(sourceId));
    }

    /** What polling the source now would store, without storing anything. */
    public Mono<Preview> preview(SourceDefinition source) {
        return extraction.extract(source, null, null).map(result -> {
            if (result instanceof Extraction.Items found) {
                return new Preview(source.id(), found.items(), null);
            }
            if (result instanceof Extraction.Failed failed) {
                return new Preview(source.id(), List.of(), failed.reason());
            }
            return new Preview(source.id(), List.of(), "not modified");
        });
    }

    Mono<PollOutcome> poll(SourceLease lease) {
        SourceDefinition source = registry.current().find(lease.sourceId()).orElse(null);
        if (source == null) {
            // removed from the file since the lease was taken: the next sync marks it inactive
            return Mono.just(new PollOutcome.Busy(lease.sourceId()));
        }
        PollTimer timer = new PollTimer();
        // the lease is renewed while the poll runs, so a slow poll keeps its source and a dead instance's lease
        // lapses within one lease time
        return Mono.using(() -> heartbeat(lease.sourceId()), beat -> run(source, lease, timer), Disposable::dispose);
    }

    private Disposable heartbeat(String sourceId) {
        Duration every = properties.lease().dividedBy(3);
        return Flux.interval(every, every)
                .concatMap(tick -> states.renewLease(instance.value(), sourceId, properties.lease())
                        .onErrorResume(error -> Mono.just(false)))
                .subscribe();
    }

    private Mono<PollOutcome> run(SourceDefinition source, SourceLease lease, PollTimer timer) {
        return Mono.defer(() -> {
                    metrics.started();
                    return extraction.extract(source, lease.etag(), lease.lastModified(), lease.bodyHash());
                })
                .flatMap(result -> record(source, lease, result, timer))
                .onErrorResume(error -> recordFailure(source, lease, "internal error: " + error, null, 0, timer))
                .doOnNext(outcome -> {
                    metrics.finished(outcome);
                    PollLog.write(outcome, timer.millis());
                })
                .doFinally(signal -> metrics.ended());
    }

    private Mono<PollOutcome> record(SourceDefinition source, SourceLease lease, Extraction result, PollTimer timer) {
        if (result instanceof Extraction.Failed failed) {
            return recordFailure(source, lease, failed.reason(), failed.retryAfter(), failed.status(), timer);
        }
        if (!(result instanceof Extraction.Items found)) {
            int status = result instanceof Extraction.NotModified same ? same.status() : 304;
            Duration interval = nextInterval(source, lease, 0);
            PollRecord poll = new PollRecord(
                    schedule.afterSuccess(interval, clock.instant()), seconds(interval), status, timer.millis());
            return states.recordNotModified(instance.value(), source.id(), poll)
                    .thenReturn(new PollOutcome.NotModified(source.id()));
        }
        Instant now = clock.instant();
        return store(source, found.items(), now).flatMap(outcome -> {
            Duration interval = nextInterval(source, lease, outcome.inserted());
            PollRecord poll =
                    new PollRecord(schedule.afterSuccess(interval, clock.instant()), seconds(interval), 200, timer.millis());
            return states.recordSuccess(
                            instance.value(),
                            source.id(),
                            poll,
                            found.etag(),
                            found.lastModified(),
                            found.bodyHash(),
                            outcome.found(),
                            outcome.inserted())
                    .thenReturn(outcome);
        });
    }

    private Duration nextInterval(SourceDefinition source, SourceLease lease, int newItems) {
        if (!properties.adaptive()) {
            return source.interval();
        }
        Duration current = lease.intervalSeconds() == null
                ? source.interval()
                : Duration.ofSeconds(lease.intervalSeconds());
        return AdaptiveInterval.next(current, newItems, source.minInterval(), source.maxInterval());
    }

    private static int seconds(Duration interval) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, interval.toSeconds()));
    }

    private Mono<PollOutcome.Succeeded> store(SourceDefinition source, List<io.countywatch.aggregator.item.ExtractedItem> found, Instant now) {
        DateOrigin origin = DateOrigin.SOURCE;
        return Flux.fromIterable(found)
                .concatMap(item -> items.store(new NewItem(source.id(), item, origin, now)))
                .collectList()
                .map(outcomes -> new PollOutcome.Succeeded(
                        source.id(),
                        found.size(),
                        (int) outcomes.stream().filter(o -> o instanceof StoreOutcome.Inserted).count(),
                        (int) outcomes.stream().filter(o -> o instanceof StoreOutcome.Updated).count()));
    }

    private Mono<PollOutcome> recordFailure(
            SourceDefinition source, SourceLease lease, String reason, Duration retryAfter, int status, PollTimer timer) {
        Instant now = clock.instant();
        boolean dead = PollSchedule.isDead(lease.failingSince(), now, properties.deadAfter());
        Instant next = dead
                ? schedule.afterDeadFailure(properties.deadRetry(), now)
                : schedule.afterFailure(source, lease.consecutiveFailures(), retryAfter, now);
        String message = "fetch " + source.id() + ": " + reason;
        return states.recordFailure(
                        instance.value(), source.id(), message, new PollRecord(next, null, status, timer.millis()), dead)
                .thenReturn(new PollOutcome.Failed(source.id(), reason, retryAfter, lease.consecutiveFailures() + 1, dead, next));
    }

    /** The preview of a source: the items a poll would store now, or the error it would record. */
    public record Preview(String sourceId, List<io.countywatch.aggregator.item.ExtractedItem> items, String error) {}
}
