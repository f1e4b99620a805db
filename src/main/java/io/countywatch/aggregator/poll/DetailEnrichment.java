package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.config.SourceType;
import io.countywatch.aggregator.dedupe.Sites;
import io.countywatch.aggregator.dedupe.TitleForms;
import io.countywatch.aggregator.dedupe.UrlCanonicalizer;
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
import io.countywatch.aggregator.store.items.PageChecks;
import io.countywatch.aggregator.store.sources.ExtractionHealth;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The detail step of a poll: fetches the own page of every item this source has not stored yet, with bounded
 * concurrency, and takes from it the full title, the content, the 来源 line, the canonical address and — when the
 * list gave none — the date. Of an HTML source's stored items only those whose listed title differs from the stored
 * one are fetched again (a corrected headline). A feed's new entries are fetched when the feed cuts or decorates
 * their title, or always when the source asks for detail pages ({@code detail:}). Also counts what the poll saw, for
 * the source's extraction health.
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
    private final UrlCanonicalizer canonicalizer = new UrlCanonicalizer();
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

    /** As above, with the source's stored items given ({@code url → what is stored}); none without a database. */
    Mono<Enrichment> enrich(
            SourceDefinition source,
            List<ExtractedItem> found,
            ExtractionNotes notes,
            Instant now,
            Mono<Map<String, ItemRepository.KnownUrl>> knownItems) {
        boolean feed = source.type() != SourceType.HTML;
        int cut = feed
                ? 0
                : (int) found.stream()
                        .filter(i -> TitleCompletion.looksCut(i.title()))
                        .count();
        return knownItems.flatMap(known -> Flux.fromIterable(found)
                .flatMapSequential(item -> step(source, item, known.get(item.url()), notes, now), concurrency(source))
                .collectList()
                .map(outcomes -> {
                    List<EnrichedItem> enriched =
                            outcomes.stream().map(Outcome::item).toList();
                    int failed = (int) outcomes.stream().filter(Outcome::failed).count();
                    return new Enrichment(enriched, health(enriched, known, cut, failed));
                }));
    }

    /**
     * Stored items' own pages read again for edits ({@code recheck:}), each as the store should see it now: the stored
     * title (completed from the page if the page has it whole), the page's content, the stored date and its origin. An
     * item whose page could not be read is left out: its stored text stands.
     */
    Mono<List<EnrichedItem>> reread(SourceDefinition source, List<PageChecks.DueItem> due, Instant now) {
        return Flux.fromIterable(due)
                .flatMapSequential(
                        stored -> withDetail(source, asListed(stored), ExtractionNotes.NONE, now)
                                .filter(outcome -> !outcome.failed())
                                .map(outcome -> withDateOrigin(outcome.item(), stored.dateOrigin())),
                        concurrency(source))
                .collectList();
    }

    // The stored date is kept whatever the page says now: a re-check is for edits of the text.
    private static ExtractedItem asListed(PageChecks.DueItem stored) {
        return new ExtractedItem(
                stored.guid(), stored.url(), stored.title(), null, null, stored.publishedAt(), stored.dateHasTime());
    }

    private static EnrichedItem withDateOrigin(EnrichedItem e, DateOrigin origin) {
        return new EnrichedItem(e.item(), origin, false, e.titleFrom(), "stored", e.origin(), e.listedAt());
    }

    // No more at once than the host admits: the others would only wait in the politeness queue, asking again and
    // again (with hundreds of polls running, those asks cost more CPU than the pages).
    private int concurrency(SourceDefinition source) {
        HostLimits limits = politeness.limits(source, source.url());
        return Math.min(CONCURRENCY, Math.min(limits.hostConcurrency(), limits.domainConcurrency()));
    }

    // What one listed item needs: nothing, or its own page.
    private Mono<Outcome> step(
            SourceDefinition source,
            ExtractedItem item,
            ItemRepository.KnownUrl known,
            ExtractionNotes notes,
            Instant now) {
        if (source.type() != SourceType.HTML) {
            // every entry of a feed goes to the store (a changed entry is a correction); only new ones get a page
            boolean page = known == null && (source.detail() != null || TitleForms.partial(item.title()));
            return page ? withDetail(source, item, notes, now) : Mono.just(new Outcome(feedOnly(item), false));
        }
        if (known != null && !retitled(item.title(), known.title())) {
            return Mono.just(new Outcome(listOnly(item, notes, true), false));
        }
        return withDetail(source, item, notes, now);
    }

    /** True when a list row's title is not the stored title, nor a cut form of it: the site corrected it. */
    static boolean retitled(String listed, String stored) {
        if (listed == null || stored == null) {
            return false;
        }
        String row = squash(TitleCompletion.withoutCutMark(listed));
        String kept = squash(stored);
        return !row.isEmpty()
                && !kept.startsWith(row)
                && !squash(TitleForms.undecorated(stored)).startsWith(row);
    }

    private static String squash(String text) {
        return text.replaceAll("[\\s\\u00a0\\u3000]+", "");
    }

    private static EnrichedItem feedOnly(ExtractedItem i) {
        return new EnrichedItem(
                i,
                i.publishedAt() == null ? DateOrigin.FETCHED : DateOrigin.SOURCE,
                false,
                "feed",
                i.publishedAt() == null ? "first seen" : "feed",
                null);
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
                                .map(detail ->
                                        new Outcome(canonical(source, merge(item, detail, notes), detail), false));
                    }
                    String reason = result instanceof FetchResult.Failed failed ? failed.reason() : "not modified";
                    log.info("source={} detail page {} not read: {}", source.id(), item.url(), reason);
                    return Mono.just(new Outcome(unread(source, item, notes), true));
                })
                .onErrorResume(error -> {
                    log.info("source={} detail page {} not read: {}", source.id(), item.url(), error.toString());
                    return Mono.just(new Outcome(unread(source, item, notes), true));
                });
    }

    // the source's robots opt-out and politeness hold for its detail pages as for its list
    private FetchRequest detailRequest(SourceDefinition source, URI url) {
        return politeness.request(source, url, null, null);
    }

    private static EnrichedItem unread(SourceDefinition source, ExtractedItem item, ExtractionNotes notes) {
        return source.type() == SourceType.HTML ? listOnly(item, notes, false) : feedOnly(item);
    }

    /**
     * The item under the address its page names as canonical ({@code rel=canonical}, {@code og:url}), when that is
     * an http(s) address of the same site (registrable domain): a CMS serving one article under two addresses names
     * one of them on both. Another site's address is not trusted (a template copied across sites names its origin).
     */
    private EnrichedItem canonical(SourceDefinition source, EnrichedItem enriched, DetailPage detail) {
        String listed = enriched.item().url();
        if (detail.canonical() == null || !Sites.same(listed, detail.canonical())) {
            return enriched;
        }
        String url;
        try {
            url = canonicalizer.canonicalize(detail.canonical(), Set.copyOf(source.keepParams()));
        } catch (IllegalArgumentException notHttp) {
            return enriched;
        }
        if (url.equals(listed)) {
            return enriched;
        }
        return new EnrichedItem(
                enriched.item().withUrl(url),
                enriched.dateOrigin(),
                enriched.known(),
                enriched.titleFrom(),
                enriched.dateFrom(),
                enriched.origin(),
                listed);
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
        if (full.isEmpty() && TitleForms.partial(item.title())) {
            // a feed's title with the site's name on it ("…见实效_岳阳…"): the page's title is the bare one, whole
            String bare = TitleForms.undecorated(item.title());
            full = TitleCompletion.complete(bare, detail.titleCandidates())
                    .or(() -> detail.titleCandidates().stream()
                            .filter(c -> squash(c).equals(squash(bare)))
                            .findFirst());
        }
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
            List<EnrichedItem> enriched, Map<String, ItemRepository.KnownUrl> known, int cut, int failed) {
        int dated = (int) enriched.stream()
                .filter(i -> i.dateOrigin() != DateOrigin.FETCHED
                        || (known.containsKey(i.item().url())
                                && !known.get(i.item().url()).dateOrigin().equals("fetched")))
                .count();
        return new ExtractionHealth(enriched.size(), dated, cut, failed);
    }
}
