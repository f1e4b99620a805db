package io.countywatch.aggregator.poll;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The poller's meters on {@code /actuator/prometheus}: polls by outcome, items new and updated, sources due and in
 * flight. Items are counted as new, updated or unchanged (found again as they were). Fetch latency and bytes are measured by the fetcher itself ({@code aggregator_fetch_seconds}).
 */
@Component
class PollMetrics {

    private final MeterRegistry meters;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong due = new AtomicLong();
    private final Counter itemsNew;
    private final Counter itemsUpdated;
    private final Counter itemsKnown;
    private final Counter itemsDuplicate;

    PollMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.itemsNew = items("new");
        this.itemsUpdated = items("updated");
        // found again unchanged: the same story at the same URL or GUID (duplicates across sources are the store's)
        this.itemsKnown = items("unchanged");
        this.itemsDuplicate = items("duplicate");
        Gauge.builder("aggregator.sources.in.flight", inFlight, AtomicInteger::get)
                .description("Sources being polled by this instance now")
                .register(meters);
        Gauge.builder("aggregator.sources.due", due, AtomicLong::get)
                .description("Active sources due for a poll, at the last tick")
                .register(meters);
    }

    // Prometheus takes a family's # HELP from its first meter: every kind carries the same description.
    private Counter items(String kind) {
        return Counter.builder("aggregator.items")
                .description(
                        "Items seen by polls, by kind: new, updated, unchanged, duplicate (stored from another source)")
                .tag("kind", kind)
                .register(meters);
    }

    void started() {
        inFlight.incrementAndGet();
    }

    /** A poll ended, with an outcome or cancelled (shutdown). */
    void ended() {
        inFlight.decrementAndGet();
    }

    void finished(PollOutcome outcome) {
        Counter.builder("aggregator.polls")
                .description("Polls of sources by outcome: succeeded, not_modified, failed, busy")
                .tag("outcome", name(outcome))
                .register(meters)
                .increment();
        if (outcome instanceof PollOutcome.Succeeded done) {
            itemsNew.increment(done.inserted());
            itemsUpdated.increment(done.updated());
            itemsDuplicate.increment(done.merged());
            itemsKnown.increment(Math.max(0, done.found() - done.inserted() - done.updated() - done.merged()));
        }
    }

    void due(long count) {
        due.set(count);
    }

    static String name(PollOutcome outcome) {
        if (outcome instanceof PollOutcome.Succeeded) {
            return "succeeded";
        }
        if (outcome instanceof PollOutcome.NotModified) {
            return "not_modified";
        }
        return outcome instanceof PollOutcome.Failed ? "failed" : "busy";
    }
}
