package io.countywatch.aggregator.web;

import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.ReactiveHealthEndpointWebExtension;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/admin/health} (admin token): the health with every component and its details (the database, the
 * disk space and its path). {@code /actuator/health} shows everyone the status alone, since the service has no
 * login that actuator's {@code when-authorized} could use.
 */
@RestController
class AdminHealthController {

    private final ReactiveHealthEndpointWebExtension health;
    private final AdminToken admin;

    AdminHealthController(ReactiveHealthEndpointWebExtension health, AdminToken admin) {
        this.health = health;
        this.admin = admin;
    }

    @GetMapping("/api/admin/health")
    Mono<ResponseEntity<HealthDescriptor>> health(ServerWebExchange exchange) {
        admin.check(exchange);
        // showAll: every component with its details, whatever show-details says for /actuator/health
        return health.health(ApiVersion.V3, WebServerNamespace.SERVER, SecurityContext.NONE, true)
                .map(answer -> ResponseEntity.status(answer.getStatus()).body(answer.getBody()));
    }
}
