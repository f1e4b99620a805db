package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.config.SourceType;
import io.countywatch.aggregator.extract.html.DetailPage;
import io.countywatch.aggregator.extract.html.DetailPageExtractor;
import io.countywatch.aggregator.extract.html.ListPage;
import io.countywatch.aggregator.extract.html.TitleCompletion;
import io.countywatch.aggregator.fetch.CharsetSniffer;
import io.countywatch.aggregator.fetch.FetchRequest;
import io.countywatch.aggregator.fetch.FetchResult;
import io.countywatch.aggregator.fetch.HostLimits;
import io.countywatch.aggregator.fetch.PageFetcher;
import io.countywatch.aggregator.item.DateOrigin;
import io.countywatch.aggregator.item.ExtractedItem;
import io.countywatch.aggregator.store.items.ItemRepository;
import io.countywatch.aggregator.store.sources.ExtractionHealth;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The detail step of an HTML poll: fetches the own page of every item this source has not stored yet (never of
 * stored ones), with bounded concurrency, and takes from it the full title, the content, the 来源 line and — when
 * the list gave none — the date. Also counts what the poll saw, for the source's extraction health.
 */
@Component
class DetailEnrichment {

    private static final Logger log = LoggerFactory.getLogger(DetailEnrichment.class);

    // County sites are small servers: four pages at a time at most (and no more than the host's concurrency) is
    // polite and still quick for a 20-item list.
    static final int CONCURRENCY = 4;

    private final PageFetcher fetcher;
    private final PolitenessPlan politeness;
    private final DetailPageExtractor details;
    private final ItemRepository items;
    private final CharsetSniffer charsets = new CharsetSniffer();
    private final Scheduler parsing =
            Schedulers.newBoundedElastic(Math.max(2, Runtime.getRuntime().availableProcessors()), 1000, "detail");

    DetailEnrichment(
            PageFetcher fetcher, PolitenessPlan politeness, DetailPageExtractor details, ItemRepository items) {
        this.fetcher = fetcher;
        this.politeness = politeness;
        this.details = details;
        this.items = items;
    }

    /** The items with their detail pages applied, and the health counts of this poll. */
    record Enrichment(List<EnrichedItem> items, ExtractionHealth health) {
        List<EnrichedItem> fresh() {
            return items.stream().filter(i -> !i.known()).toList();
        }
    }

    Mono<Enrichment> enrich(SourceDefinition source, List<ExtractedItem> found, ExtractionNotes notes, Instant now) {
        return enrich(
                source,
                found,
                notes,
                now,
                items.findKnown(
                        source.id(), found.stream().map(ExtractedItem::url).toList()));
    }

    /** As above, with the source's stored items given ({@code url → date origin}); none without a database. */
    Mono<Enrichment> enrich(
            SourceDefinition source,
            List<ExtractedItem> found,
            ExtractionNotes notes,
            Instant now,
            Mono<Map<String, String>> knownItems) {
        if (source.type() != SourceType.HTML) {
            List<EnrichedItem> feedItems = found.stream()
                    .map(i -> new EnrichedItem(
                            i,
                            i.publishedAt() == null ? DateOrigin.FETCHED : DateOrigin.SOURCE,
                            false,
                            "feed",
                            i.publishedAt() == null ? "first seen" : "feed",
                            null))
                    .toList();
            return Mono.just(new Enrichment(feedItems, health(feedItems, Map.of(), 0, 0)));
        }
        int cut = (int)
                found.stream().filter(i -> TitleCompletion.looksCut(i.title())).count();
        // No more at once than the host admits: the others would only wait in the politeness queue, asking again
        // and again (with hundreds of polls running, those asks cost more CPU than the pages).
        HostLimits limits = politeness.limits(source, source.url());
        int concurrency = Math.min(CONCURRENCY, Math.min(limits.hostConcurrency(), limits.domainConcurrency()));
        return knownItems.flatMap(known -> Flux.fromIterable(found)
                .flatMapSequential(
                        item -> known.containsKey(item.url())
                                ? Mono.just(new Outcome(listOnly(item, notes, true), false))
                                : withDetail(source, item, notes, now),
                        concurrency)
                .collectList()
                .map(outcomes -> {
                    List<EnrichedItem> enriched =
                            outcomes.stream().map(Outcome::item).toList();
                    int failed = (int) outcomes.stream().filter(Outcome::failed).count();
                    return new Enrichment(enriched, health(enriched, known, cut, failed));
                }));
    }

    private record Outcome(EnrichedItem item, boolean failed) {}

    private Mono<Outcome> withDetail(SourceDefinition source, ExtractedItem item, ExtractionNotes notes, Instant now) {
        // deferred so that even a URL java.net.URI refuses ends as this item's failure, not the poll's
        return Mono.defer(() -> fetcher.fetch(detailRequest(source, URI.create(item.url()))))
                .flatMap(result -> {
                    if (result instanceof FetchResult.Fetched page) {
                        return Mono.fromCallable(() -> details.extract(
                                        charsets.decode(page.body(), page.headerCharset(), source.charset())
                                                .text(),
                                        page.url(),
                                        source.detail(),
                                        source.timezone(),
                                        now))
                                .subscribeOn(parsing)
                                .map(detail -> new Outcome(merge(item, detail, notes), false));
                    }
                    String reason = result instanceof FetchResult.Failed failed ? failed.reason() : "not modified";
                    log.info("source={} detail page {} not read: {}", source.id(), item.url(), reason);
                    return Mono.just(new Outcome(listOnly(item, notes, false), true));
                })
                .onErrorResume(error -> {
                    log.info("source={} detail page {} not read: {}", source.id(), item.url(), error.toString());
                    return Mono.just(new Outcome(listOnly(item, notes, false), true));
                });
    }

    // the source's robots opt-out and politeness hold for its detail pages as for its list
    private FetchRequest detailRequest(SourceDefinition source, URI url) {
        return politeness.request(source, url, null, null);
    }

    private static EnrichedItem listOnly(ExtractedItem item, ExtractionNotes notes, boolean known) {
        ListPage.Provenance from = provenance(item, notes);
        boolean dated = item.publishedAt() != null;
        return new EnrichedItem(
                item,
                dated ? DateOrigin.SOURCE : DateOrigin.FETCHED,
                known,
                from.title(),
                dated ? from.date() : "first seen",
                null);
    }

    /** List title unless the page completes it; list date, else the page's; the page's content. */
    static EnrichedItem merge(ExtractedItem item, DetailPage detail, ExtractionNotes notes) {
        ListPage.Provenance from = provenance(item, notes);
        Optional<String> full = TitleCompletion.complete(item.title(), detail.titleCandidates());
        String title = full.orElse(item.title());
        String titleFrom = full.isPresent() ? "detail page" : from.title();
        var published = item.publishedAt();
        boolean hasTime = item.dateHasTime();
        DateOrigin dateOrigin = DateOrigin.SOURCE;
        String dateFrom = from.date();
        // A date-only list entry and a timed detail date of the same day: the page's is the more precise one.
        boolean refines = published != null
                && !hasTime
                && detail.date() != null
                && detail.date().hasTime()
                && published
                        .toLocalDate()
                        .equals(detail.date()
                                .value()
                                .atZoneSameInstant(published.getOffset())
                                .toLocalDate());
        if ((published == null || refines) && detail.date() != null) {
            published = detail.date().value();
            hasTime = detail.date().hasTime();
            dateOrigin = DateOrigin.DETAIL;
            dateFrom = "detail page";
        } else if (published == null) {
            dateOrigin = DateOrigin.FETCHED;
            dateFrom = "first seen";
        }
        ExtractedItem enriched = new ExtractedItem(
                item.guid(), item.url(), title, detail.summary(), detail.content(), published, hasTime);
        return new EnrichedItem(enriched, dateOrigin, false, titleFrom, dateFrom, detail.origin());
    }

    private static ListPage.Provenance provenance(ExtractedItem item, ExtractionNotes notes) {
        return notes.provenance().getOrDefault(item.url(), new ListPage.Provenance("selector", "selector"));
    }

    private static ExtractionHealth health(
            List<EnrichedItem> enriched, Map<String, String> known, int cut, int failed) {
        int dated = (int) enriched.stream()
                .filter(i -> i.dateOrigin() != DateOrigin.FETCHED
                        || !known.getOrDefault(i.item().url(), "fetched").equals("fetched"))
                .count();
        return new ExtractionHealth(enriched.size(), dated, cut, failed);
    }
}
