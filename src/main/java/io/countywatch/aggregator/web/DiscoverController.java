package io.countywatch.aggregator.web;

import io.countywatch.aggregator.poll.Discovery;
import io.countywatch.aggregator.web.api.DiscoveryJson;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** {@code GET /api/discover?url=} (admin token): a county site's news columns as a {@code sources.yml} fragment. */
@RestController
class DiscoverController {

    private final Discovery discovery;
    private final AdminToken admin;

    DiscoverController(Discovery discovery, AdminToken admin) {
        this.discovery = discovery;
        this.admin = admin;
    }

    @GetMapping("/api/discover")
    Mono<DiscoveryJson> discover(@RequestParam("url") String url, ServerWebExchange exchange) {
        admin.check(exchange);
        URI home;
        try {
            home = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "url " + url + " is not a URL: " + e.getMessage());
        }
        if (!"http".equals(home.getScheme()) && !"https".equals(home.getScheme())) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "url " + url + " must be http or https");
        }
        return discovery.discover(home).map(DiscoveryJson::of);
    }
}
