package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.store.items.PageChecks;
import io.countywatch.aggregator.store.items.StoreOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The re-check step of a poll, for sources that ask for it ({@code recheck: 24h}): county sites edit a story's text
 * after publishing it (a figure corrected, a paragraph added) without touching the list, so the list cannot say so.
 * Each recent item's own page is read again a few times over the window — {@link #gap} apart, at most
 * {@link #PER_POLL} pages a poll, through the same politeness as every other page — and an edited text updates the
 * item in place (a new revision and an SSE {@code update}); an unchanged page changes nothing but the check's time.
 * It runs whether or not the list changed: an edit rarely changes it.
 */
@Component
class PageRecheck {

    // With a 15-minute interval, ten pages a poll re-read forty an hour: more than a county site publishes.
    static final int PER_POLL = 10;

    private final PageChecks checks;
    private final DetailEnrichment enrichment;
    private final StoryIngest stories;

    PageRecheck(PageChecks checks, DetailEnrichment enrichment, StoryIngest stories) {
        this.checks = checks;
        this.enrichment = enrichment;
        this.stories = stories;
    }

    /**
     * Time between two readings of one item's page: a quarter of the window (four readings over it), but never less
     * than the source's interval.
     */
    static Duration gap(SourceDefinition source) {
        Duration quarter = source.recheck().dividedBy(4);
        return quarter.compareTo(source.interval()) >= 0 ? quarter : source.interval();
    }

    /** Re-reads the source's due pages; the number of items their pages changed, or 0 without {@code recheck}. */
    Mono<Integer> run(SourceDefinition source, Instant now) {
        if (source.recheck() == null) {
            return Mono.just(0);
        }
        return checks.due(source.id(), source.recheck(), gap(source), now, PER_POLL)
                .collectList()
                .filter(due -> !due.isEmpty())
                .flatMap(due -> enrichment
                        .reread(source, due, now)
                        .flatMap(read -> stories.storeAll(SourcePoller.newItems(source, read, now)))
                        .flatMap(outcomes -> checks.record(
                                        due.stream()
                                                .map(PageChecks.DueItem::seq)
                                                .toList(),
                                        now)
                                .thenReturn(updated(outcomes))))
                .defaultIfEmpty(0);
    }

    private static int updated(List<StoreOutcome> outcomes) {
        return (int)
                outcomes.stream().filter(StoreOutcome.Updated.class::isInstance).count();
    }
}
