package io.countywatch.aggregator.publish;

import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.config.SourceRegistry;
import java.util.List;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/** {@code GET /feeds/opml}: every feed of the running sources file as one OPML subscription list. */
@RestController
class OpmlController {

    static final String CONTENT_TYPE = "text/x-opml; charset=UTF-8";

    private final SourceRegistry registry;
    private final ConditionalGet conditionalGet;
    private final OpmlWriter writer = new OpmlWriter();

    OpmlController(SourceRegistry registry, ConditionalGet conditionalGet) {
        this.registry = registry;
        this.conditionalGet = conditionalGet;
    }

    @GetMapping("/feeds/opml")
    Mono<Void> opml(ServerWebExchange exchange) {
        // Read from the running configuration, not the database: the list is the sources file's, and this
        // needs no query.
        List<SourceDefinition> sources = registry.current().sources();
        var tags = new TreeSet<String>();
        sources.forEach(s -> tags.addAll(s.tags()));
        String base = UriComponentsBuilder.fromUri(exchange.getRequest().getURI())
                .replacePath(null)
                .replaceQuery(null)
                .build()
                .toUriString();
        byte[] body = writer.write(base, sources, tags, registry.appliedAt());
        return conditionalGet.send(exchange, CONTENT_TYPE, body, registry.appliedAt());
    }
}
