package io.countywatch.aggregator.publish;

import io.countywatch.aggregator.config.SourceRegistry;
import io.countywatch.aggregator.db.DatabaseUnavailable;
import io.countywatch.aggregator.db.RepeatedErrorLog;
import io.countywatch.aggregator.store.items.ItemCursor;
import io.countywatch.aggregator.store.items.ItemPage;
import io.countywatch.aggregator.store.items.ItemQuery;
import io.countywatch.aggregator.store.items.ItemRepository;
import io.countywatch.aggregator.store.sources.SourceStateRepository;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Serves the merged feeds: all sources, one tag, one source, each as RSS 2.0, Atom 1.0 or JSON Feed 1.1, with
 * a keyword filter, a limit, a cursor for readers that catch up, and conditional GET. A rendered feed is kept
 * until its scope's version changes, so a repeated request, and any 304, costs neither a query nor a render; such
 * requests are answered by {@link CachedFeedFilter} before they reach this controller.
 */
@RestController
@EnableConfigurationProperties(FeedProperties.class)
class FeedController {

    private static final Logger log = LoggerFactory.getLogger(FeedController.class);

    private final ItemRepository items;
    private final SourceStateRepository sources;
    private final FeedVersions versions;
    private final RenderVersions renderVersions;
    private final FeedCache cache;
    private final ConditionalGet responder;
    private final SourceRegistry registry;
    private final FeedWriter writer = new FeedWriter();
    private final RepeatedErrorLog staleLog = new RepeatedErrorLog(log, Duration.ofMinutes(1), Clock.systemUTC());

    FeedController(
            ItemRepository items,
            SourceStateRepository sources,
            FeedVersions versions,
            RenderVersions renderVersions,
            FeedCache cache,
            ConditionalGet responder,
            SourceRegistry registry) {
        this.registry = registry;
        this.items = items;
        this.sources = sources;
        this.versions = versions;
        this.renderVersions = renderVersions;
        this.cache = cache;
        this.responder = responder;
    }

    @GetMapping("/feeds/all.{format}")
    Mono<Void> all(
            @PathVariable String format,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            ServerWebExchange exchange) {
        var request = new FeedRequest(FeedScope.ALL, format(format), q, limit, cursor);
        return serve(request, exchange, () -> Mono.just("全部来源 · All sources"));
    }

    @GetMapping("/feeds/tag/{tag}.{format}")
    Mono<Void> tag(
            @PathVariable String tag,
            @PathVariable String format,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            ServerWebExchange exchange) {
        var request = new FeedRequest(FeedScope.ofTag(tag), format(format), q, limit, cursor);
        return serve(
                request,
                exchange,
                () -> tagExists(tag)
                        .flatMap(found -> found
                                ? Mono.just("标签 " + tag)
                                : Mono.error(new ResponseStatusException(
                                        HttpStatus.NOT_FOUND, "no source has the tag " + tag))));
    }

    @GetMapping("/feeds/source/{id}.{format}")
    Mono<Void> source(
            @PathVariable String id,
            @PathVariable String format,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            ServerWebExchange exchange) {
        var request = new FeedRequest(FeedScope.ofSource(id), format(format), q, limit, cursor);
        return serve(
                request,
                exchange,
                () -> sources.findName(id)
                        .switchIfEmpty(Mono.error(
                                new ResponseStatusException(HttpStatus.NOT_FOUND, "no source with id " + id))));
    }

    /** The parameters of one feed request, read and checked before anything is served (a bad one is a 400). */
    private record FeedRequest(FeedScope scope, FeedFormat format, String q, int limit, ItemCursor cursor) {
        FeedRequest(FeedScope scope, FeedFormat format, String q, Integer limit, String cursor) {
            this(scope, format, q, QueryParameters.limit(limit), QueryParameters.cursor(cursor));
        }
    }

    private Mono<Boolean> tagExists(String tag) {
        VersionSnapshot snapshot = versions.current();
        return snapshot != null && snapshot.hasTag(tag) ? Mono.just(true) : sources.tagExists(tag);
    }

    private static FeedFormat format(String extension) {
        return FeedFormat.fromExtension(extension)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "unknown feed format ." + extension + " (use .rss, .atom or .json)"));
    }

    private Mono<Void> serve(FeedRequest request, ServerWebExchange exchange, Supplier<Mono<String>> titles) {
        // The full request URL is the key: the bytes carry it (self link, feed id, next link), host included.
        URI uri = exchange.getRequest().getURI();
        String key = uri.toString();
        VersionSnapshot snapshot = versions.current();
        // CachedFeedFilter answers hits before dispatch; one can still land here when it turned current meanwhile.
        CachedFeed cached = cache.find(key, snapshot);
        if (cached != null) {
            return responder.send(exchange, cached);
        }
        // The version is read before the items: a change committed during the render then leaves a stale version
        // in the entry, which the next request replaces, and never a new version on old bytes (RenderVersions).
        return titles.get()
                .flatMap(title -> renderVersions
                        .beforeRendering(request.scope(), snapshot)
                        .flatMap(version -> render(request, uri, title, version.orElse(null))))
                .map(rendered -> new CachedFeed(request.scope(), rendered))
                .doOnNext(feed -> cache.put(key, feed))
                .flatMap(feed -> responder.send(exchange, feed))
                .onErrorResume(DatabaseUnavailable::causedBy, e -> serveStale(key, exchange, e));
    }

    // Without the database the last rendering, marked stale, beats a 503; with none the 503 it is (web's handler).
    private Mono<Void> serveStale(String key, ServerWebExchange exchange, Throwable failure) {
        CachedFeed last = cache.findLast(key);
        if (last == null || exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        staleLog.warn("database unreachable, serving feeds from their last rendering", failure);
        return responder.sendStale(exchange, last);
    }

    private Mono<RenderedFeed> render(FeedRequest request, URI uri, String title, String version) {
        ItemQuery query = new ItemQuery(
                request.scope().sourceId(),
                request.scope().tag(),
                request.q(),
                null,
                request.limit(),
                request.cursor());
        return items.findPage(query).map(page -> {
            FeedDocument document = document(uri, title, page);
            byte[] body = writer.write(document, request.format());
            return RenderedFeed.of(
                    version,
                    request.format().contentType(),
                    body,
                    document.updated().toInstant());
        });
    }

    private FeedDocument document(URI uri, String title, ItemPage page) {
        String homeUrl = UriComponentsBuilder.fromUri(uri)
                .replacePath("/")
                .replaceQuery(null)
                .build()
                .toUriString();
        OffsetDateTime updated = FeedDocument.newestUpdate(page.items(), registry.appliedAt());
        String nextUrl = page.next() == null
                ? null
                : UriComponentsBuilder.fromUri(uri)
                        .replaceQueryParam("cursor", page.next().encode())
                        .build()
                        .toUriString();
        return new FeedDocument(
                title, "县市新闻聚合 · " + title, uri.toString(), homeUrl, "zh-CN", updated, page.items(), nextUrl);
    }
}
