package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.config.SourceRegistry;
import io.countywatch.aggregator.db.DatabaseFailures;
import io.countywatch.aggregator.fetch.HostKeys;
import io.countywatch.aggregator.fetch.HostLimits;
import io.countywatch.aggregator.poll.SourceExtraction.Extraction;
import io.countywatch.aggregator.store.items.NewItem;
import io.countywatch.aggregator.store.items.StoreOutcome;
import io.countywatch.aggregator.store.sources.HostLeases;
import io.countywatch.aggregator.store.sources.PollOutcomes;
import io.countywatch.aggregator.store.sources.PollRecord;
import io.countywatch.aggregator.store.sources.SourceLease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Polls one leased source: fetch → extract → store, then records the outcome in the source's state. The state
 * (and so the schedule) advances only after the poll's items are committed.
 */
@Component
public class SourcePoller {

    private final SourceRegistry registry;
    private final SourceExtraction extraction;
    private final DetailEnrichment enrichment;
    private final PollOutcomes states;
    private final HostLeases leases;
    private final PolitenessPlan plan;
    private final Clock clock;
    private final InstanceId instance;
    private final PollingProperties properties;
    private final PollMetrics metrics;
    private final StoryIngest stories;
    private final PageRecheck recheck;
    // how often a "poll now" asks again for a site another holder has
    private static final Duration KEY_RETRY = Duration.ofMillis(100);

    private final PollSchedule schedule = new PollSchedule(RandomGenerator.getDefault());

    private final HeldLeases held;

    SourcePoller(
            SourceRegistry registry,
            SourceExtraction extraction,
            DetailEnrichment enrichment,
            PollOutcomes states,
            HostLeases leases,
            PolitenessPlan plan,
            Clock clock,
            InstanceId instance,
            PollingProperties properties,
            PollMetrics metrics,
            StoryIngest stories,
            PageRecheck recheck,
            HeldLeases held) {
        this.held = held;
        this.registry = registry;
        this.extraction = extraction;
        this.enrichment = enrichment;
        this.states = states;
        this.leases = leases;
        this.plan = plan;
        this.clock = clock;
        this.instance = instance;
        this.properties = properties;
        this.metrics = metrics;
        this.stories = stories;
        this.recheck = recheck;
    }

    /**
     * Polls a source now, if no one else is polling it, once its site is free: this instance waits (up to the lease
     * time) for the site's politeness key, so a poll now keeps the cluster's limits. Busy when the source is being
     * polled, or when a poll of it (by any instance) ended after this request came: two instances asked at once poll
     * it once.
     */
    public Mono<PollOutcome> pollNow(String sourceId) {
        Instant requested = clock.instant();
        String owner = instance.value();
        Mono<String> key = leases.leaseKeyOf(owner, sourceId, properties.lease())
                .repeatWhenEmpty(tries -> tries.delayElements(KEY_RETRY))
                .timeout(properties.lease());
        return key.flatMap(site -> {
                    held.holdKey(site);
                    return leases.leaseNow(owner, sourceId, properties.lease(), requested)
                            .flatMap(lease -> {
                                held.holdSource(sourceId);
                                return poll(lease).doFinally(signal -> held.releaseSource(sourceId));
                            })
                            .flatMap(outcome ->
                                    leases.release(owner, site, spacing(site)).thenReturn(outcome))
                            .switchIfEmpty(Mono.defer(() ->
                                    leases.release(owner, site, Duration.ZERO).then(Mono.empty())))
                            // given back above, or on an error left to lapse: no longer renewed
                            .doFinally(signal -> held.releaseKey(site));
                })
                .onErrorResume(java.util.concurrent.TimeoutException.class, busy -> Mono.empty())
                .defaultIfEmpty(new PollOutcome.Busy(sourceId));
    }

    /** The spacing a key's holder owes when it gives the key back: the longer of its host and domain spacing. */
    Duration spacing(String key) {
        HostLimits limits = plan.forKey(key);
        return limits.hostSpacing().compareTo(limits.domainSpacing()) >= 0
                ? limits.hostSpacing()
                : limits.domainSpacing();
    }

    /**
     * What polling the source now would store, without storing anything, fetched under the cluster's politeness: like
     * a poll now, the preview waits (up to a lease time) for the source's site, holds it while it fetches, and gives
     * it back owing the site's spacing, so a preview beside running pollers (in the service, or the CLI beside it)
     * never fetches a site while a poll does. A site that stays busy ends the preview with that error.
     */
    public Mono<Preview> preview(SourceDefinition source) {
        String owner = instance.value();
        String site = HostKeys.of(source.url()).domain();
        Mono<String> siteHeld = leases.holdKey(owner, site, properties.lease())
                .repeatWhenEmpty(tries -> tries.delayElements(KEY_RETRY))
                .timeout(properties.lease())
                .onErrorMap(java.util.concurrent.TimeoutException.class, waited -> new SiteBusy())
                .doOnNext(held::holdKey);
        return Mono.usingWhen(
                        siteHeld,
                        key -> previewNow(source),
                        key -> giveBack(owner, key),
                        (key, error) -> giveBack(owner, key),
                        key -> giveBack(owner, key))
                .onErrorResume(
                        SiteBusy.class,
                        busy -> Mono.just(Preview.failed(
                                source.id(),
                                "its site " + site + " stayed busy for "
                                        + properties.lease().toSeconds()
                                        + " s (another poll or preview holds it); try again")));
    }

    private Mono<Void> giveBack(String owner, String key) {
        held.releaseKey(key);
        return leases.giveBack(owner, key, spacing(key));
    }

    /** The site of a preview stayed held by others for a whole lease time. */
    private static final class SiteBusy extends RuntimeException {
        SiteBusy() {
            super(null, null, false, false);
        }
    }

    private Mono<Preview> previewNow(SourceDefinition source) {
        return extraction.extract(source, null, null).flatMap(result -> {
            if (result instanceof Extraction.Items found) {
                return enrichment
                        .enrich(source, found.items(), found.notes(), clock.instant())
                        .flatMap(enriched -> stories.decideAll(newItems(source, enriched.items(), clock.instant()))
                                .map(decisions -> Preview.of(source, found.notes(), enriched, decisions)));
            }
            String error = result instanceof Extraction.Failed failed ? failed.reason() : "not modified";
            return Mono.just(Preview.failed(source.id(), error));
        });
    }

    Mono<PollOutcome> poll(SourceLease lease) {
        SourceDefinition source = registry.current().find(lease.sourceId()).orElse(null);
        if (source == null) {
            // removed from the file since the lease was taken: the next sync marks it inactive
            return Mono.just(new PollOutcome.Busy(lease.sourceId()));
        }
        // the lease is renewed while the poll runs (PollScheduler's one heartbeat for all of this instance's
        // leases), so a slow poll keeps its source and a dead instance's lease lapses within one lease time
        return run(source, lease, new PollTimer());
    }

    private Mono<PollOutcome> run(SourceDefinition source, SourceLease lease, PollTimer timer) {
        return Mono.defer(() -> {
                    metrics.started();
                    return extraction.extract(source, lease.etag(), lease.lastModified(), lease.bodyHash());
                })
                .flatMap(result -> record(source, lease, result, timer))
                .onErrorResume(error -> recordFailure(
                        source,
                        lease,
                        DatabaseFailures.describe(error).orElse("internal error: " + error),
                        null,
                        0,
                        timer))
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
            // an edited article rarely changes its list: the re-check runs on an unchanged list too
            return recheck.run(source, clock.instant()).flatMap(edited -> {
                PollRecord poll = new PollRecord(
                        schedule.afterSuccess(interval, clock.instant()), seconds(interval), status, timer.millis());
                return states.recordNotModified(instance.value(), source.id(), poll)
                        .thenReturn(new PollOutcome.NotModified(source.id()));
            });
        }
        Instant now = clock.instant();
        return enrichment
                .enrich(source, found.items(), found.notes(), now)
                .flatMap(enriched -> store(source, enriched, now)
                        .flatMap(outcome -> recheck.run(source, now).map(outcome::withEdited))
                        .flatMap(outcome -> states.recordHealth(source.id(), enriched.health())
                                .thenReturn(outcome)))
                .flatMap(outcome -> {
                    Duration interval = nextInterval(source, lease, outcome.inserted());
                    PollRecord poll = new PollRecord(
                            schedule.afterSuccess(interval, clock.instant()), seconds(interval), 200, timer.millis());
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
        Duration current =
                lease.intervalSeconds() == null ? source.interval() : Duration.ofSeconds(lease.intervalSeconds());
        return AdaptiveInterval.next(current, newItems, source.minInterval(), source.maxInterval());
    }

    private static int seconds(Duration interval) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, interval.toSeconds()));
    }

    // Items an HTML source stored already are left alone: a list row carries less than the stored item.
    // Feed entries are all "fresh", so a changed entry updates its item in place.
    private Mono<PollOutcome.Succeeded> store(SourceDefinition source, DetailEnrichment.Enrichment found, Instant now) {
        return stories.storeAll(newItems(source, found.fresh(), now))
                .map(outcomes -> new PollOutcome.Succeeded(
                        source.id(),
                        found.items().size(),
                        count(outcomes, StoreOutcome.Inserted.class),
                        count(outcomes, StoreOutcome.Updated.class),
                        count(outcomes, StoreOutcome.Merged.class)));
    }

    static List<NewItem> newItems(SourceDefinition source, List<EnrichedItem> items, Instant now) {
        return items.stream()
                .map(e -> new NewItem(source.id(), e.item(), e.dateOrigin(), now, e.listedAt()))
                .toList();
    }

    private static int count(List<StoreOutcome> outcomes, Class<? extends StoreOutcome> kind) {
        return (int) outcomes.stream().filter(kind::isInstance).count();
    }

    private Mono<PollOutcome> recordFailure(
            SourceDefinition source,
            SourceLease lease,
            String reason,
            Duration retryAfter,
            int status,
            PollTimer timer) {
        Instant now = clock.instant();
        boolean dead = PollSchedule.isDead(lease.failingSince(), now, properties.deadAfter());
        Instant next = dead
                ? schedule.afterDeadFailure(properties.deadRetry(), now)
                : schedule.afterFailure(source, lease.consecutiveFailures(), retryAfter, now);
        String message = "fetch " + source.id() + ": " + reason;
        return states.recordFailure(
                        instance.value(),
                        source.id(),
                        message,
                        new PollRecord(next, null, status, timer.millis()),
                        dead)
                .thenReturn(new PollOutcome.Failed(
                        source.id(), reason, retryAfter, lease.consecutiveFailures() + 1, dead, next));
    }
}
