package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.config.SourceRegistry;
import io.countywatch.aggregator.item.DateOrigin;
import io.countywatch.aggregator.poll.SourceExtraction.Extraction;
import io.countywatch.aggregator.store.ItemRepository;
import io.countywatch.aggregator.store.NewItem;
import io.countywatch.aggregator.store.SourceLease;
import io.countywatch.aggregator.store.SourceStateRepository;
import io.countywatch.aggregator.store.StoreOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Polls one leased source: fetch → extract → store, then records the outcome in the source's state. The state
 * (and so the schedule) advances only after the poll's items are committed.
 */
@Component
public class SourcePoller {

    private static final Logger log = LoggerFactory.getLogger(SourcePoller.class);
    static final Duration LEASE = Duration.ofMinutes(5);

    private final SourceRegistry registry;
    private final SourceExtraction extraction;
    private final ItemRepository items;
    private final SourceStateRepository states;
    private final Clock clock;
    private final InstanceId instance;
    private final StoryIngest stories;
    private final PollSchedule schedule = new PollSchedule(RandomGenerator.getDefault());

    SourcePoller(
            SourceRegistry registry,
            SourceExtraction extraction,
            ItemRepository items,
            SourceStateRepository states,
            Clock clock,
            InstanceId instance,
            StoryIngest stories) {
        this.registry = registry;
        this.extraction = extraction;
        this.items = items;
        this.states = states;
        this.clock = clock;
        this.instance = instance;
        this.stories = stories;
    }

    /** Polls a source now, if no one else is polling it. */
    public Mono<PollOutcome> pollNow(String sourceId) {
        return states.leaseNow(instance.value(), sourceId, LEASE)
                .flatMap(this::poll)
                .defaultIfEmpty(new PollOutcome.Busy(sourceId));
    }

    /** What polling the source now would store, without storing anything. */
    public Mono<Preview> preview(SourceDefinition source) {
        return extraction.extract(source, null, null).flatMap(result -> {
            if (result instanceof Extraction.Items found) {
                return Flux.fromIterable(found.items())
                        .concatMap(item -> stories.decide(source.id(), item).map(v -> PreviewDecision.of(item.url(), v)))
                        .collectList()
                        .map(decisions -> new Preview(source.id(), found.items(), null, decisions));
            }
            if (result instanceof Extraction.Failed failed) {
                return Mono.just(new Preview(source.id(), List.of(), failed.reason(), List.of()));
            }
            return Mono.just(new Preview(source.id(), List.of(), "not modified", List.of()));
        });
    }

    Mono<PollOutcome> poll(SourceLease lease) {
        SourceDefinition source = registry.current().find(lease.sourceId()).orElse(null);
        if (source == null) {
            // removed from the file since the lease was taken: the next sync marks it inactive
            return Mono.just(new PollOutcome.Busy(lease.sourceId()));
        }
        return extraction.extract(source, lease.etag(), lease.lastModified())
                .flatMap(result -> record(source, lease, result))
                .onErrorResume(error -> recordFailure(source, lease, "internal error: " + error, null));
    }

    private Mono<PollOutcome> record(SourceDefinition source, SourceLease lease, Extraction result) {
        Instant now = clock.instant();
        if (result instanceof Extraction.Failed failed) {
            return recordFailure(source, lease, failed.reason(), failed.retryAfter());
        }
        if (!(result instanceof Extraction.Items found)) {
            return states.recordNotModified(instance.value(), source.id(), schedule.afterSuccess(source, now))
                    .thenReturn(new PollOutcome.NotModified(source.id()));
        }
        return store(source, found.items(), now).flatMap(outcome -> states.recordSuccess(
                        instance.value(),
                        source.id(),
                        schedule.afterSuccess(source, clock.instant()),
                        found.etag(),
                        found.lastModified(),
                        outcome.found(),
                        outcome.inserted())
                .doOnSuccess(done -> log.info(
                        "source={} polled: {} items, {} new, {} updated",
                        source.id(), outcome.found(), outcome.inserted(), outcome.updated()))
                .thenReturn(outcome));
    }

    private Mono<PollOutcome.Succeeded> store(SourceDefinition source, List<io.countywatch.aggregator.item.ExtractedItem> found, Instant now) {
        DateOrigin origin = DateOrigin.SOURCE;
        return stories.storeAll(found.stream().map(item -> new NewItem(source.id(), item, origin, now)).toList())
                .doOnNext(outcomes -> logMerged(source, outcomes))
                .map(outcomes -> new PollOutcome.Succeeded(
                        source.id(),
                        found.size(),
                        (int) outcomes.stream().filter(o -> o instanceof StoreOutcome.Inserted).count(),
                        (int) outcomes.stream().filter(o -> o instanceof StoreOutcome.Updated).count()));
    }

    private static void logMerged(SourceDefinition source, List<StoreOutcome> outcomes) {
        long merged = outcomes.stream().filter(o -> o instanceof StoreOutcome.Merged).count();
        if (merged > 0) {
            log.info("source={} {} items are stories already stored from elsewhere (added to their alsoAt)",
                    source.id(), merged);
        }
    }

    private Mono<PollOutcome> recordFailure(SourceDefinition source, SourceLease lease, String reason, Duration retryAfter) {
        Instant next = schedule.afterFailure(source, lease.consecutiveFailures(), retryAfter, clock.instant());
        String message = "fetch " + source.id() + ": " + reason;
        log.warn("source={} poll failed ({} in a row): {}; next try at {}",
                source.id(), lease.consecutiveFailures() + 1, reason, next);
        return states.recordFailure(instance.value(), source.id(), message, next)
                .thenReturn(new PollOutcome.Failed(source.id(), reason, retryAfter));
    }

    /**
     * The preview of a source: the items a poll would store now, or the error it would record, and for each
     * item what deduplication would do with it ({@code decisions}, in the order of {@code items}).
     */
    public record Preview(
            String sourceId,
            List<io.countywatch.aggregator.item.ExtractedItem> items,
            String error,
            List<PreviewDecision> decisions) {}
}
