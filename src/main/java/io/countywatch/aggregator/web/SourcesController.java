package io.countywatch.aggregator.web;

import io.countywatch.aggregator.config.ConfigError;
import io.countywatch.aggregator.config.ReloadResult;
import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.config.SourceRegistry;
import io.countywatch.aggregator.poll.PollOutcome;
import io.countywatch.aggregator.poll.Preview;
import io.countywatch.aggregator.poll.SourcePoller;
import io.countywatch.aggregator.store.sources.SourceState;
import io.countywatch.aggregator.store.sources.SourceStateRepository;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Sources and their state, and the admin actions on them: poll now, preview, reload the file. */
@RestController
class SourcesController {

    private final SourceStateRepository states;
    private final SourceRegistry registry;
    private final SourcePoller poller;
    private final AdminToken admin;

    SourcesController(SourceStateRepository states, SourceRegistry registry, SourcePoller poller, AdminToken admin) {
        this.states = states;
        this.registry = registry;
        this.poller = poller;
        this.admin = admin;
    }

    /**
     * The JSON of {@code /api/sources}: every source with its state (with {@code since}: those changed after it), the
     * sources file's own state, and {@code version}, the change number to ask {@code since} next time.
     */
    record SourcesResponse(List<SourceJson> sources, ConfigState config, long version) {}

    /** {@code problems} says in words why a source is not "ok": "0 items", "no dates", "2 detail pages failed". */
    record SourceJson(String id, String type, String status, List<String> problems, SourceState state) {}

    record ConfigState(String file, boolean stale, List<String> errors) {}

    // ?since=N: only the sources changed after change number N (the dashboard asks so every 30 s; at 30,000 sources
    // that is the few polled since, not all of them)
    @GetMapping("/api/sources")
    Mono<SourcesResponse> sources(@RequestParam(defaultValue = "0") long since) {
        var config = registry.current();
        return states.findChanged(Math.max(0, since)).map(changed -> {
            List<SourceJson> sources = changed.sources().stream()
                    .map(state -> {
                        String type = config.find(state.id())
                                .map(SourceDefinition::type)
                                .map(t -> t.name().toLowerCase(java.util.Locale.ROOT))
                                .orElse(null);
                        return new SourceJson(
                                state.id(), type, SourceHealth.of(state), SourceHealth.problems(state), state);
                    })
                    .toList();
            return new SourcesResponse(sources, configState(), changed.version());
        });
    }

    private ConfigState configState() {
        var rejection = registry.lastRejection();
        List<String> errors = rejection
                .map(r -> r.errors().stream().map(ConfigError::toString).toList())
                .orElse(List.of());
        return new ConfigState(registry.current().file().toString(), rejection.isPresent(), errors);
    }

    @PostMapping("/api/sources/{id}/poll")
    Mono<ResponseEntity<PollNowResponse>> poll(@PathVariable String id, ServerWebExchange exchange) {
        admin.check(exchange);
        if (registry.current().find(id).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no source with id " + id + " in the sources file");
        }
        return poller.pollNow(id)
                .map(outcome -> outcome instanceof PollOutcome.Busy
                        ? ResponseEntity.status(HttpStatus.CONFLICT).body(PollNowResponse.of(outcome))
                        : ResponseEntity.ok(PollNowResponse.of(outcome)));
    }

    @GetMapping("/api/sources/{id}/preview")
    Mono<Preview> preview(@PathVariable String id, ServerWebExchange exchange) {
        admin.check(exchange);
        SourceDefinition source = registry.current()
                .find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no source with id " + id));
        return poller.preview(source);
    }

    @PostMapping("/api/sources/reload")
    Mono<ResponseEntity<Map<String, Object>>> reload(ServerWebExchange exchange) {
        admin.check(exchange);
        // reading the file is blocking I/O: keep it off the event loop
        return Mono.fromCallable(registry::reload)
                .subscribeOn(Schedulers.boundedElastic())
                .map(SourcesController::answer);
    }

    private static ResponseEntity<Map<String, Object>> answer(ReloadResult result) {
        if (result instanceof ReloadResult.Applied applied) {
            return ResponseEntity.ok(Map.of(
                    "result", "applied",
                    "added", applied.added(),
                    "removed", applied.removed(),
                    "changed", applied.changed()));
        }
        if (result instanceof ReloadResult.Rejected rejected) {
            return ResponseEntity.unprocessableEntity()
                    .body(Map.of(
                            "result",
                            "rejected",
                            "errors",
                            rejected.errors().stream()
                                    .map(ConfigError::toString)
                                    .toList()));
        }
        return ResponseEntity.ok(Map.of("result", "unchanged"));
    }
}
