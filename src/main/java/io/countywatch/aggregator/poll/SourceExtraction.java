package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.config.SourceType;
import io.countywatch.aggregator.dedupe.UrlCanonicalizer;
import io.countywatch.aggregator.extract.TitleFilter;
import io.countywatch.aggregator.extract.feed.FeedExtractor;
import io.countywatch.aggregator.extract.html.HtmlListExtractor;
import io.countywatch.aggregator.extract.html.ListPage;
import io.countywatch.aggregator.fetch.CharsetSniffer;
import io.countywatch.aggregator.fetch.FetchRequest;
import io.countywatch.aggregator.fetch.FetchResult;
import io.countywatch.aggregator.fetch.PageFetcher;
import io.countywatch.aggregator.item.ExtractedItem;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Fetches a source and extracts its items: the first step of every poll and of the preview. Parsing runs on a
 * bounded scheduler, never on a Netty event loop.
 */
@Component
class SourceExtraction {

    private final PageFetcher fetcher;
    private final PolitenessPlan politeness;
    private final FeedExtractor feeds;
    private final HtmlListExtractor lists;
    private final CharsetSniffer charsets = new CharsetSniffer();
    private final UrlCanonicalizer canonicalizer = new UrlCanonicalizer();
    private final Clock clock;
    private final Scheduler parsing =
            Schedulers.newBoundedElastic(Math.max(2, Runtime.getRuntime().availableProcessors()), 1000, "parse");

    SourceExtraction(
            PageFetcher fetcher, PolitenessPlan politeness, FeedExtractor feeds, HtmlListExtractor lists, Clock clock) {
        this.fetcher = fetcher;
        this.politeness = politeness;
        this.feeds = feeds;
        this.lists = lists;
        this.clock = clock;
    }

    /** What a poll found: the items (canonical URLs, filtered, one per URL) or why nothing could be read. */
    sealed interface Extraction {
        /**
         * @param notes what extraction saw of the pages, for health and preview
         * @param bodyHash SHA-256 of the first page's body, so that an unchanged body is not parsed next time
         */
        record Items(
                List<ExtractedItem> items, String etag, String lastModified, ExtractionNotes notes, String bodyHash)
                implements Extraction {}

        /** @param status 304, or 200 when the body's hash matched the last one */
        record NotModified(int status) implements Extraction {
            NotModified() {
                this(304);
            }
        }

        /** @param status the HTTP status, 0 when no answer came */
        record Failed(String reason, java.time.Duration retryAfter, int status) implements Extraction {}
    }

    Mono<Extraction> extract(SourceDefinition source, String etag, String lastModified) {
        return extract(source, etag, lastModified, null);
    }

    /** As above; a body whose hash equals {@code previousHash} counts as not modified and is not parsed. */
    Mono<Extraction> extract(SourceDefinition source, String etag, String lastModified, String previousHash) {
        FetchRequest first = politeness.request(source, source.url(), etag, lastModified);
        return fetcher.fetch(first).flatMap(result -> {
            if (result instanceof FetchResult.Fetched fetched) {
                String hash = fetched.bodyHash();
                if (hash.equals(previousHash)) {
                    return Mono.just(new Extraction.NotModified(fetched.status()));
                }
                return parse(source, fetched)
                        .map(parsed -> (Extraction) new Extraction.Items(
                                parsed.items(), fetched.etag(), fetched.lastModified(), parsed.notes(), hash))
                        .onErrorResume(e -> Mono.just(new Extraction.Failed(reason(e), null, fetched.status())));
            }
            if (result instanceof FetchResult.Failed failed) {
                return Mono.just(new Extraction.Failed(failed.reason(), failed.retryAfter(), failed.status()));
            }
            return Mono.just(new Extraction.NotModified());
        });
    }

    private record Parsed(List<ExtractedItem> items, ExtractionNotes notes) {}

    private Mono<Parsed> parse(SourceDefinition source, FetchResult.Fetched fetched) {
        Instant now = clock.instant();
        if (source.type() == SourceType.FEED) {
            return Mono.fromCallable(() -> {
                        String xml = charsets.decode(fetched.body(), fetched.headerCharset(), source.charset())
                                .text();
                        return new Parsed(
                                finish(source, feeds.extract(xml, fetched.url(), source.timezone(), now)),
                                ExtractionNotes.NONE);
                    })
                    .subscribeOn(parsing);
        }
        ListPages pages = new ListPages();
        return listPages(source, fetched, now, pages, new HashSet<>(), 1).map(found -> {
            List<ExtractedItem> items = finish(source, found);
            return new Parsed(
                    items, pages.notes(items, url -> canonicalizer.canonicalize(url, Set.copyOf(source.keepParams()))));
        });
    }

    // Follows `next` links up to `pages` list pages, stopping at a page already seen.
    private Mono<List<ExtractedItem>> listPages(
            SourceDefinition source,
            FetchResult.Fetched fetched,
            Instant now,
            ListPages found,
            Set<URI> seen,
            int page) {
        seen.add(fetched.url());
        return Mono.fromCallable(() -> {
                    var decoded = charsets.decode(fetched.body(), fetched.headerCharset(), source.charset());
                    found.onDecoded(fetched.url(), fetched.headerCharset(), decoded);
                    return lists.extract(decoded.text(), fetched.url(), source, now, found.inferred());
                })
                .subscribeOn(parsing)
                .flatMap((ListPage listPage) -> {
                    found.add(listPage);
                    URI next = listPage.next();
                    if (next == null || page >= source.pages() || seen.contains(next)) {
                        return Mono.just(found.items());
                    }
                    return fetcher.fetch(politeness.request(source, next, null, null))
                            .flatMap(result -> result instanceof FetchResult.Fetched more
                                    ? listPages(source, more, now, found, seen, page + 1)
                                    : Mono.just(found.items()));
                });
    }

    private List<ExtractedItem> finish(SourceDefinition source, List<ExtractedItem> items) {
        TitleFilter filter = TitleFilter.of(source);
        Set<String> keep = Set.copyOf(source.keepParams());
        Map<String, ExtractedItem> byUrl = new LinkedHashMap<>();
        for (ExtractedItem item : items) {
            if (!filter.accepts(item.title())) {
                continue;
            }
            String url;
            try {
                url = canonicalizer.canonicalize(item.url(), keep);
            } catch (IllegalArgumentException notHttp) {
                continue;
            }
            byUrl.putIfAbsent(url, item.withUrl(url));
        }
        return List.copyOf(byUrl.values());
    }

    private static String reason(Throwable error) {
        String message = error.getMessage();
        return message == null ? error.getClass().getSimpleName() : message;
    }
}
