package io.countywatch.aggregator.web;

import io.countywatch.aggregator.publish.QueryParameters;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns away, before any endpoint sees it, a request whose path segments, query parameters or
 * {@code Last-Event-ID} carry a NUL byte or another control character ({@code %00}, {@code %01}…): no source id,
 * tag, keyword or cursor contains one, and PostgreSQL refuses NUL in text, which would otherwise end as a 500. The
 * answer is a 400 problem+json naming the parameter. The typed parameters ({@code limit}, {@code cursor},
 * {@code since}, {@code lastEventId} / {@code Last-Event-ID}) are checked here too. Filters run outside the
 * controllers' exception handling, so the problem is written here; only 400s, nothing else.
 */
@Component
class BadInputFilter implements WebFilter, Ordered {

    private final JsonMapper json;

    BadInputFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    public int getOrder() {
        // before the feed cache and everything else
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String problem = problem(exchange.getRequest());
        return problem == null ? chain.filter(exchange) : reject(exchange, problem);
    }

    /** What is wrong with the request, or null. */
    static String problem(ServerHttpRequest request) {
        for (PathContainer.Element element :
                request.getPath().pathWithinApplication().elements()) {
            if (element instanceof PathContainer.PathSegment segment && hasControl(segment.valueToMatch())) {
                return "path segment " + quoted(segment.valueToMatch()) + " contains a control character";
            }
        }
        for (Map.Entry<String, List<String>> parameter :
                request.getQueryParams().entrySet()) {
            if (hasControl(parameter.getKey())) {
                return "query parameter name " + quoted(parameter.getKey()) + " contains a control character";
            }
            for (String value : parameter.getValue()) {
                if (value != null && hasControl(value)) {
                    return "query parameter " + parameter.getKey() + ": " + quoted(value)
                            + " contains a control character";
                }
            }
        }
        String lastEventId = request.getHeaders().getFirst("Last-Event-ID");
        if (lastEventId != null && hasControl(lastEventId)) {
            return "Last-Event-ID contains a control character";
        }
        return malformed(request);
    }

    /**
     * The typed parameters, read as their endpoints read them. Checked here, for every endpoint at once, so that the
     * answer is problem+json whatever the client accepts ({@code /stream}'s EventSource accepts only
     * {@code text/event-stream}) and a feed's cache is never consulted for a request it must refuse.
     */
    private static String malformed(ServerHttpRequest request) {
        var query = request.getQueryParams();
        try {
            for (String limit : query.getOrDefault("limit", List.of())) {
                QueryParameters.limit(integer("limit", limit));
            }
            for (String cursor : query.getOrDefault("cursor", List.of())) {
                QueryParameters.cursor(cursor);
            }
            // /api/sources?since= is a change number of the sources' read model; everywhere else a date
            boolean sourcesVersion =
                    request.getPath().pathWithinApplication().value().equals("/api/sources");
            for (String since : query.getOrDefault("since", List.of())) {
                if (sourcesVersion) {
                    changeNumber(since);
                } else {
                    QueryParameters.since(since);
                }
            }
            for (String id : query.getOrDefault("lastEventId", List.of())) {
                QueryParameters.eventId("lastEventId", id);
            }
            QueryParameters.eventId("Last-Event-ID", request.getHeaders().getFirst("Last-Event-ID"));
        } catch (ServerWebInputException e) {
            return e.getReason();
        }
        return null;
    }

    private static void changeNumber(String text) {
        try {
            if (Long.parseLong(text.trim()) >= 0) {
                return;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new ServerWebInputException(
                "since must be a change number (the version of an earlier answer), not " + text);
    }

    private static Integer integer(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new ServerWebInputException(name + " must be a whole number, not " + quoted(text));
        }
    }

    // NUL and the other C0 controls; tab and line breaks are left to the endpoints (a pasted keyword may carry them)
    private static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return true;
            }
        }
        return false;
    }

    /** The value in quotes, each control character shown as {@code U+0000}, cut at 60 characters. */
    private static String quoted(String value) {
        var out = new StringBuilder("\"");
        value.codePoints().limit(60).forEach(cp -> {
            if (cp < 0x20) {
                out.append(String.format("U+%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append(value.codePointCount(0, value.length()) > 60 ? "…\"" : "\"")
                .toString();
    }

    private Mono<Void> reject(ServerWebExchange exchange, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.BAD_REQUEST);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", "Bad Request");
        body.put("status", 400);
        body.put("detail", detail);
        body.put("instance", exchange.getRequest().getPath().value());
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        return response.writeWith(
                Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes)));
    }
}
