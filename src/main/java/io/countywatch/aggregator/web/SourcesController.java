package io.countywatch.aggregator.web;

import io.countywatch.aggregator.config.ConfigError;
import io.countywatch.aggregator.config.ReloadResult;
import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.config.SourceRegistry;
import io.countywatch.aggregator.poll.PollOutcome;
import io.countywatch.aggregator.poll.SourcePoller;
import io.countywatch.aggregator.store.sources.SourceStateRepository;
import io.countywatch.aggregator.web.api.PollNowResponse;
import io.countywatch.aggregator.web.api.PreviewJson;
import io.countywatch.aggregator.web.api.ReloadResponse;
import io.countywatch.aggregator.web.api.SourcesPage;
import java.util.List;
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

    // ?since=N: only the sources changed after change number N (the dashboard asks so every 30 s; at 30,000 sources
    // that is the few polled since, not all of them)
    @GetMapping("/api/sources")
    Mono<SourcesPage> sources(@RequestParam(defaultValue = "0") long since) {
        var config = registry.current();
        return states.findChanged(Math.max(0, since)).map(changed -> {
            List<SourcesPage.SourceJson> sources = changed.sources().stream()
                    .map(state -> {
                        String type = config.find(state.id())
                                .map(SourceDefinition::type)
                                .map(t -> t.name().toLowerCase(java.util.Locale.ROOT))
                                .orElse(null);
                        return new SourcesPage.SourceJson(
                                state.id(),
                                type,
                                SourceHealth.of(state),
                                SourceHealth.problems(state),
                                SourcesPage.StateJson.of(state));
                    })
                    .toList();
            return new SourcesPage(sources, configState(), changed.version());
        });
    }

    private SourcesPage.ConfigJson configState() {
        var rejection = registry.lastRejection();
        List<String> errors = rejection
                .map(r -> r.errors().stream().map(ConfigError::toString).toList())
                .orElse(List.of());
        return new SourcesPage.ConfigJson(registry.current().file().toString(), rejection.isPresent(), errors);
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
    Mono<PreviewJson> preview(@PathVariable String id, ServerWebExchange exchange) {
        admin.check(exchange);
        SourceDefinition source = registry.current()
                .find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no source with id " + id));
        return poller.preview(source).map(PreviewJson::of);
    }

    @PostMapping("/api/sources/reload")
    Mono<ResponseEntity<ReloadResponse>> reload(ServerWebExchange exchange) {
        admin.check(exchange);
        // reading the file is blocking I/O: keep it off the event loop
        return Mono.fromCallable(this::reloadAnswered)
                .subscribeOn(Schedulers.boundedElastic())
                .map(SourcesController::answer);
    }

    /**
     * The reload, with an exhausted stack or heap (beyond what the file's limits prevent) turned into an error this
     * request is answered with: Reactor rethrows such errors on its worker, which leaves the request open for good.
     */
    private ReloadResult reloadAnswered() {
        try {
            return registry.reload();
        } catch (StackOverflowError | OutOfMemoryError e) {
            throw new IllegalStateException(
                    "reloading the sources file exhausted the JVM's "
                            + e.getClass().getSimpleName(),
                    e);
        }
    }

    private static ResponseEntity<ReloadResponse> answer(ReloadResult result) {
        return result instanceof ReloadResult.Rejected
                ? ResponseEntity.unprocessableEntity().body(ReloadResponse.of(result))
                : ResponseEntity.ok(ReloadResponse.of(result));
    }
}
