package io.countywatch.aggregator.web;

import io.countywatch.aggregator.db.DatabaseFailures;
import io.countywatch.aggregator.db.DatabaseUnavailable;
import io.countywatch.aggregator.db.RepeatedErrorLog;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers any request that failed because the database cannot be reached with 503 {@code application/problem+json}
 * and {@code Retry-After}, instead of Spring's 500 with a stack trace in the log for every request; the failure is
 * logged once per minute with a count. Runs before Spring Boot's error handler (order -1).
 */
@Component
@Order(-2)
class DatabaseUnavailableHandler implements WebExceptionHandler {

    static final Duration RETRY_AFTER = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableHandler.class);

    private final RepeatedErrorLog errors = new RepeatedErrorLog(log, Duration.ofMinutes(1), Clock.systemUTC());
    private final JsonMapper json;

    DatabaseUnavailableHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        if (!DatabaseUnavailable.causedBy(failure) || response.isCommitted()) {
            return Mono.error(failure);
        }
        // a full disk is not an unreachable database: the admin must free space, not wait
        DatabaseFailures.Kind kind = DatabaseFailures.kind(failure).orElse(DatabaseFailures.Kind.UNREACHABLE);
        errors.warn(kind.words() + ", answering 503", failure);
        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()));
        headers.setCacheControl("no-store");
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, detail(kind) + "; try again in " + RETRY_AFTER.toSeconds() + " s");
        // the raw path is already percent-encoded, so it is a valid URI whatever the client sent
        problem.setInstance(URI.create(exchange.getRequest().getURI().getRawPath()));
        byte[] body = json.writeValueAsBytes(problem);
        return response.writeWith(
                Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    private static String detail(DatabaseFailures.Kind kind) {
        return switch (kind) {
            case DISK_FULL -> kind.words() + ": the database cannot store anything right now";
            case OUT_OF_RESOURCES -> kind.words() + ": the database cannot answer right now";
            case UNREACHABLE -> "the database cannot be reached right now";
        };
    }
}
