package io.countywatch.aggregator.publish;

import io.countywatch.aggregator.store.ItemCursor;
import io.countywatch.aggregator.store.ItemQuery;
import io.countywatch.aggregator.store.ItemRepository;
import io.countywatch.aggregator.store.SourceStateRepository;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
 * a keyword filter, a limit, a cursor for readers that catch up, and conditional GET.
 */
@RestController
class FeedController {

    private final ItemRepository items;
    private final SourceStateRepository sources;
    private final FeedWriter writer = new FeedWriter();

    FeedController(ItemRepository items, SourceStateRepository sources) {
        this.items = items;
        this.sources = sources;
    }

    @GetMapping("/feeds/all.{format}")
    Mono<ResponseEntity<byte[]>> all(
            @PathVariable String format,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            ServerWebExchange exchange) {
        return render(new Scope(null, null, "全部来源 · All sources"), format, q, limit, cursor, exchange);
    }

    @GetMapping("/feeds/tag/{tag}.{format}")
    Mono<ResponseEntity<byte[]>> tag(
            @PathVariable String tag,
            @PathVariable String format,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            ServerWebExchange exchange) {
        return sources.tagExists(tag)
                .flatMap(found -> found
                        ? render(new Scope(null, tag, "标签 " + tag), format, q, limit, cursor, exchange)
                        : Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no source has the tag " + tag)));
    }

    @GetMapping("/feeds/source/{id}.{format}")
    Mono<ResponseEntity<byte[]>> source(
            @PathVariable String id,
            @PathVariable String format,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            ServerWebExchange exchange) {
        return sources.findName(id)
                .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no source with id " + id)))
                .flatMap(name -> render(new Scope(id, null, name), format, q, limit, cursor, exchange));
    }

    private record Scope(String sourceId, String tag, String title) {}

    private Mono<ResponseEntity<byte[]>> render(
            Scope scope, String extension, String q, Integer limit, String cursor, ServerWebExchange exchange) {
        FeedFormat format = FeedFormat.fromExtension(extension)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "unknown feed format ." + extension + " (use .rss, .atom or .json)"));
        ItemQuery query = new ItemQuery(
                scope.sourceId(),
                scope.tag(),
                q,
                null,
                limit == null ? ItemQuery.DEFAULT_LIMIT : limit,
                ItemCursor.decode(cursor).orElse(null));
        String selfUrl = exchange.getRequest().getURI().toString();
        String homeUrl = UriComponentsBuilder.fromUri(exchange.getRequest().getURI())
                .replacePath("/")
                .replaceQuery(null)
                .build()
                .toUriString();
        return items.findPage(query).map(page -> {
            OffsetDateTime updated = FeedDocument.newestUpdate(page.items());
            String nextUrl = page.next() == null
                    ? null
                    : UriComponentsBuilder.fromUri(exchange.getRequest().getURI())
                            .replaceQueryParam("cursor", page.next().encode())
                            .build()
                            .toUriString();
            FeedDocument document = new FeedDocument(
                    scope.title(), "县市新闻聚合 · " + scope.title(), selfUrl, homeUrl, "zh-CN", updated, page.items(), nextUrl);
            byte[] body = writer.write(document, format);
            String etag = "\"" + digest(body) + "\"";
            Instant lastModified = updated.toInstant();
            if (exchange.checkNotModified(etag, lastModified)) {
                return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).lastModified(lastModified).<byte[]>build();
            }
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(format.contentType()))
                    .eTag(etag)
                    .lastModified(lastModified)
                    .body(body);
        });
    }

    private static String digest(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
