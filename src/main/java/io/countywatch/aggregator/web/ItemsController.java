package io.countywatch.aggregator.web;

import io.countywatch.aggregator.config.SourceRegistry;
import io.countywatch.aggregator.item.ItemView;
import io.countywatch.aggregator.publish.ConditionalGet;
import io.countywatch.aggregator.publish.QueryParameters;
import io.countywatch.aggregator.store.items.ItemQuery;
import io.countywatch.aggregator.store.items.ItemRepository;
import io.countywatch.aggregator.web.api.ItemJson;
import io.countywatch.aggregator.web.api.ItemsPage;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.Objects;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/items}: items newest first, a keyset cursor for the next page, filters; conditional GET with a
 * strong ETag over the exact JSON bytes, so dashboards that poll get 304 with no body when nothing changed.
 */
@RestController
class ItemsController {

    private final ItemRepository items;
    private final SourceRegistry registry;
    private final JsonMapper json;
    private final ConditionalGet conditionalGet;

    ItemsController(ItemRepository items, JsonMapper json, ConditionalGet conditionalGet, SourceRegistry registry) {
        this.items = items;
        this.registry = registry;
        this.json = json;
        this.conditionalGet = conditionalGet;
    }

    @GetMapping("/api/items")
    Mono<Void> items(
            @RequestParam(required = false) String source,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String since,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            ServerWebExchange exchange) {
        ItemQuery query = new ItemQuery(
                source,
                tag,
                q,
                QueryParameters.since(since),
                QueryParameters.limit(limit),
                QueryParameters.cursor(cursor));
        return items.findPage(query).flatMap(page -> {
            var response = new ItemsPage(
                    page.items().stream().map(ItemJson::of).toList(),
                    page.next() == null ? null : page.next().encode());
            // Serialized here rather than by the codec: the ETag must be computed over the exact bytes sent.
            byte[] body = json.writeValueAsBytes(response);
            Instant lastModified = page.items().stream()
                    .map(ItemView::updatedAt)
                    .filter(Objects::nonNull)
                    .max(Comparator.naturalOrder())
                    .map(OffsetDateTime::toInstant)
                    // an empty page is as new as the running sources file: never 1970
                    .orElse(registry.appliedAt());
            return conditionalGet.send(exchange, MediaType.APPLICATION_JSON_VALUE, body, lastModified);
        });
    }
}
